"""Conversation stores shared by several Rasa processes."""
