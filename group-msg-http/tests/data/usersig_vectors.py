#!/usr/bin/env python3
"""Computes TLSSigAPIv2 UserSigs for fixed inputs, independently of the Rust code, the way the
vendor's published Python SDK (tls-sig-api-v2-python) does: HMAC-SHA256, base64, JSON, zlib,
base64 with '+' -> '*', '/' -> '-', '=' -> '_'. Run it to rewrite usersig_vectors.json:

    python3 group-msg-http/tests/data/usersig_vectors.py > group-msg-http/tests/data/usersig_vectors.json
"""
import base64, hashlib, hmac, json, zlib

CASES = [
    # sdkappid, identifier, key, time, expire
    (1400000000, "administrator", "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e", 1700000000, 86400 * 180),
    (1600012345, "admin", "k", 1, 0),
    (20001234, "bot_01@ops", "a secret key with spaces and 中文", 4102444800, 604800),
]

def sig(sdkappid, identifier, key, time, expire):
    content = f"TLS.identifier:{identifier}\nTLS.sdkappid:{sdkappid}\nTLS.time:{time}\nTLS.expire:{expire}\n"
    return base64.b64encode(hmac.new(key.encode(), content.encode(), hashlib.sha256).digest()).decode()

def usersig(sdkappid, identifier, key, time, expire):
    m = {"TLS.ver": "2.0", "TLS.identifier": identifier, "TLS.sdkappid": sdkappid,
         "TLS.expire": expire, "TLS.time": time, "TLS.sig": sig(sdkappid, identifier, key, time, expire)}
    z = zlib.compress(json.dumps(m).encode())
    return base64.b64encode(z).decode().replace("+", "*").replace("/", "-").replace("=", "_")

print(json.dumps([
    {"sdkappid": a, "identifier": i, "key": k, "time": t, "expire": e,
     "sig": sig(a, i, k, t, e), "usersig": usersig(a, i, k, t, e)}
    for (a, i, k, t, e) in CASES
], indent=2, ensure_ascii=False))
