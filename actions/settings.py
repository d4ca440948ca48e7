"""Settings of the action server, read in one place.

Every path can be overridden with an environment variable so that a
deployment (hospital, patient organisation) can ship its own files."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

KNOWLEDGE_BASE_PATH = Path(
    os.environ.get("KNOWLEDGE_BASE_PATH", REPO_ROOT / "knowledge" / "knowledge_base.yml")
)
CONTACT_CONFIG_PATH = Path(os.environ.get("CONTACT_CONFIG_PATH", REPO_ROOT / "deployment" / "contact.yml"))

# Question intents are named after the knowledge-base entry they ask for.
QUESTION_INTENT_PREFIX = "ask_"

# A personal question ("is bestraling voor mij een goed idee?") gets the
# general information of the topic the classifier saw in it, when at least
# this confident (the FallbackClassifier threshold of config.yml).
PERSONAL_TOPIC_MIN_CONFIDENCE = 0.2

# How many topic buttons a clarification ("Bedoelt u ...?") offers at most;
# a topic is offered from this confidence on, and the second only within
# this margin of the first (values from the blind development set).
CLARIFICATION_CHOICES = 2
CLARIFICATION_MIN_CONFIDENCE = 0.1
CLARIFICATION_CLOSE_MARGIN = 0.2
REPLIES_PATH = Path(os.environ.get("REPLIES_PATH", REPO_ROOT / "knowledge" / "replies.yml"))

# After an alarm or distress reply, this many following user turns are read
# with the safety layers' lower follow-up threshold (safety/decision.py).
SAFETY_FOLLOW_UP_TURNS = 3

# Who can help with questions the source does not cover.
REFERRALS_PATH = Path(os.environ.get("REFERRALS_PATH", REPO_ROOT / "knowledge" / "referrals.yml"))
