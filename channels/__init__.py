"""Input/output channels of the Rasa server (configured in credentials.yml)."""
