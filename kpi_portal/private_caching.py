"""What a browser or a proxy may keep of an answer: nothing, once the reader is signed in.

A signed-in reader's pages and downloads (restricted workbooks, packs and open data files among
them) can hold small numbers and Part 2 indicators, and a shared computer's browser or a proxy must
not keep them: every answer to a signed-in reader says `Cache-Control: private, no-store`. Restricted
figures reach no one who is not signed in, so this covers every restricted download. Public pages
and static files keep the caching they have.
"""

PRIVATE = "private, no-store"


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = PRIVATE
        return response
