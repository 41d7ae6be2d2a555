"""Harvest connects to the address it checked (DNS rebinding). Before the fix, ``check_url`` resolved an
allow-listed name and found a public address, then httpx resolved the name again to connect: a DNS answer
that changed in between (a rebinding attacker's name) sent the request to an internal host. The resolver
is replaced here (the only stand-in: no DNS server is available to the tests); the internal host is a
real listener on 127.0.0.1."""

from __future__ import annotations

import socket

import httpx
import pytest

from spbe_kg.interop import harvest

from .listener import Listener


@pytest.fixture()
def rebinding(monkeypatch):
    """``rebind.example`` resolves to a public address the first time, to 127.0.0.1 afterwards."""
    real = socket.getaddrinfo
    calls = {"n": 0}

    def fake(host, port, *args, **kwargs):
        if host == "rebind.example":
            calls["n"] += 1
            addr = "93.184.215.14" if calls["n"] == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (addr, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return calls


def test_a_name_that_rebinds_to_loopback_after_the_check_never_reaches_the_internal_host(rebinding):
    inside = Listener()
    try:
        url = f"http://rebind.example:{inside.port}/void.ttl"
        with httpx.Client(timeout=1.5, follow_redirects=False) as client:
            with pytest.raises(harvest.HarvestError):  # the checked public address is not reachable here
                harvest._get(client, url, [f"http://rebind.example:{inside.port}/"], {})
        assert rebinding["n"] == 1, "the name was resolved again after the check"
        assert inside.hits == 0, "the request reached the internal host"
    finally:
        inside.close()


def test_the_pinned_request_keeps_the_name_for_host_and_tls():
    with httpx.Client() as client:
        r = harvest.pinned_request(client, "https://data.example.go.id/void.ttl", "2001:db8::7", {"Accept": "x"})
        assert r.url.host == "2001:db8::7" and r.url.scheme == "https" and r.url.path == "/void.ttl"
        assert r.headers["host"] == "data.example.go.id" and r.headers["accept"] == "x"
        assert r.extensions["sni_hostname"] == "data.example.go.id"
        plain = harvest.pinned_request(client, "http://10.0.0.5:8080/void.ttl", None, {})
        assert str(plain.url) == "http://10.0.0.5:8080/void.ttl"
