"""Custom actions of the assistant, served by the rasa-sdk action server.

One module per concern: settings, the knowledge-base loader, channel helpers
(buttons, metadata) and small action classes that use them."""
