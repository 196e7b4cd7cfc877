"""The top layer: the command line and the demo, which start everything else."""
