from alif.errors import NotFound


class CertificateNotFound(NotFound):
    # The same answer for a malformed code and an unknown one: nothing to learn by probing.
    message = "No certificate has this code."
