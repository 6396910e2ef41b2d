"""robots.txt enforcement that holds for every request, including those queued before robots.txt arrived.

Scrapy 2.19's ``RobotsTxtMiddleware`` lets requests wait on one shared
Deferred while a host's robots.txt downloads; the first waiter consumes the
Deferred's result and every later waiter receives ``None`` ("no robots.txt"),
so with three or more early requests to a host a disallowed URL is fetched.
This subclass gives each waiter its own Deferred chained to the shared one,
passing the parser through, and is installed in its place.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class SafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request):
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            mine: Deferred = Deferred()

            def relay(result):
                mine.callback(result)
                return result  # keep the shared result for the next waiter

            pending.addBoth(relay)
            return await maybe_deferred_to_future(mine)
        return await super().robot_parser(request)
