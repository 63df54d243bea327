"""The comparison designs, each a tiny WSGI app served by gunicorn like the portal."""
