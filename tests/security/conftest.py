"""The attacks on the file itself stay together here instead of beside the module each one hits: every one
works the way an attacker would – raw sqlcipher3, the key file, the anchor, a copied backup, a second process –
across db/, services/ and the command line at once, and docs/BEVEILIGING.md points to this one folder as the
proof of what it promises. The shared attacker's tools are in aanval.py."""
