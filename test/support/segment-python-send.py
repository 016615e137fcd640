"""Sends one user's events with Segment's own Python library (test/vendor/segment-analytics-python), as a backend would.

Usage: segment-python-send.py <host> <write key> <user id> <anonymous id>
Prints {"errors": [...]} (what the library's on_error saw) and exits 0 once the library has flushed.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'vendor', 'segment-analytics-python'))
from segment.analytics import Client  # noqa: E402  (the path above is where the library lives)

host, write_key, user_id, anonymous_id = sys.argv[1:5]
errors = []
client = Client(write_key, host=host, max_retries=5, upload_interval=0.2,
                on_error=lambda error, batch: errors.append(repr(error)))

client.page(anonymous_id=anonymous_id, name='Pricing', properties={'path': '/pricing'})
for i in range(3):
    client.track(anonymous_id=anonymous_id, event='Viewed Item', properties={'i': i, 'price': i * 1.5})
client.identify(user_id, {'plan': 'pro', 'email': 'x@example.com'}, anonymous_id=anonymous_id)
client.track(user_id, 'Order Completed', {'revenue': 10})
client.screen(user_id, name='Home')
client.group(user_id, 'acme', {'size': 3})
client.alias('legacy-id', user_id)
client.flush()
client.join()
print(json.dumps({'errors': errors}))
