"""Helpers the tests share that are not fixtures: app servers and Chromium for the browser tests."""
