"""Read models folded from the event log; they read events and nothing else."""
