"""Your data, yours: taking everything you wrote with you (export) and leaving (erasure)."""
