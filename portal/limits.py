"""An upload over the size limit is refused from its Content-Length, before its body is read."""

from django.conf import settings
from django.http import JsonResponse


class UploadSizeLimit:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            return JsonResponse({"error": f"Berkas terlalu besar: paling besar {limit} MB. / The file is too large: "
                                          f"{limit} MB at most."}, status=413)
        return self.get_response(request)
