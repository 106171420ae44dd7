"""The integrity layer: a Merkle-tree log over every event, proofs and signed checkpoints."""
