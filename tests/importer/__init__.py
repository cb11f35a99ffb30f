"""Tests of connectc.importer."""
