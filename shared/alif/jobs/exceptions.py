from alif.errors import NotFound


class JobNotFound(NotFound):
    message = "Job not found."
