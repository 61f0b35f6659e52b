"""The production settings plus the benchmark's floor view (``benchmarks.load.urls``).

Never used to serve anyone: only ``benchmarks/load/run.py`` starts gunicorn with it.
"""

from intimacy.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.load.urls"
