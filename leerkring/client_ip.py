"""The client's address, the one place that decides it.

Behind N proxies we run ourselves (settings.TRUSTED_PROXY_COUNT), each proxy appends the
address it saw to X-Forwarded-For, so the client is the N-th entry from the right; anything
further left was written by the client and can be forged. With no trusted proxy the header is
ignored entirely and REMOTE_ADDR is the client. allauth's login limits (through the account
adapter) and our own limits (certificate look-ups) both ask this function, so a forged header
can neither spread one attacker over many budgets nor lock everyone into one.
"""

import ipaddress

from django.conf import settings

UNKNOWN = "unknown"


def _clean(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address rate limits count against; "unknown" if none can be trusted."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = _clean(hops[-proxies])
            if address:
                return address
        # Fewer hops than proxies: the request did not come through all of them (a
        # health check, or a misconfiguration); the peer itself is the honest answer.
    return _clean(request.META.get("REMOTE_ADDR", "")) or UNKNOWN


def rate_limit_address(request) -> str:
    """client_ip(), with IPv6 addresses grouped per /64: one subscriber usually holds a whole
    /64, so counting single IPv6 addresses would give an attacker billions of budgets."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return address
