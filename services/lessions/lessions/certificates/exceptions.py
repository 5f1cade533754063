from alif.errors import NotFound


class NoCertificateYet(NotFound):
    message = "The certificate comes with completing the course."
