"""The load benchmark (``make bench-load``): gunicorn under production settings, driven by wrk.

See docs/performance.md, "Load benchmark". ``run.py`` drives it; ``settings.py`` and
``urls.py`` add the floor (a login-only view) for the benchmark alone.
"""
