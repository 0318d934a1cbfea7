"""The API's bearer tokens: Django REST framework's tokens, sent as `Authorization: Bearer <token>`."""

from rest_framework.authentication import TokenAuthentication


class BearerToken(TokenAuthentication):
    keyword = "Bearer"
