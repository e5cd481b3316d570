"""Schemathesis hooks of the fuzz run (reliability/fuzz.mjs): every 4xx answer must be RFC 9457 problem+json."""
import json

import schemathesis


@schemathesis.check
def client_errors_are_problem_json(ctx, response, case):
    """A 4xx carries Content-Type application/problem+json and a body with type, title and status equal to the code."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"{response.status_code} with Content-Type {content_type!r}, not application/problem+json")
    try:
        body = json.loads(response.content or b"null")
    except ValueError as e:
        raise AssertionError(f"{response.status_code} problem+json body is not JSON: {e}") from e
    if not isinstance(body, dict) or body.get("status") != response.status_code or not body.get("type") or not body.get("title"):
        raise AssertionError(f"{response.status_code} problem body lacks type/title/status: {str(body)[:200]}")
    return None
