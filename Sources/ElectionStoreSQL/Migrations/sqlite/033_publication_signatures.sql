-- Each results publication carries the NEC's Ed25519 signature of its content, so that anyone
-- holding the published public key can check a copy without trusting where it came from.
ALTER TABLE publications ADD COLUMN signature TEXT;
