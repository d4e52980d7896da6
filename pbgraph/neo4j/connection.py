"""The connection to Neo4j: settings from the environment, the server check, running a query's statements in
managed transactions, and the driver's errors turned into one line that says what to do."""

from __future__ import annotations

import logging
import os
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, LiteralString, cast

from pbgraph._errors import MissingDependencyError, Neo4jError
from pbgraph._neo4j_env import (
    DEFAULT_URI,
    DEFAULT_USERNAME,
    ENV_DATABASE,
    ENV_PASSWORD,
    ENV_URI,
    ENV_USERNAME,
)
from pbgraph._texts import both
from pbgraph._texts.cli import ERRORS
from pbgraph._texts.neo4j import NEO4J
from pbgraph.neo4j.queries import CypherQuery, query_parameters

Row = dict[str, Any]


MINIMUM_SERVER = (5, 23)
"""The oldest Neo4j pbgraph talks to, checked once at connect: `party_groups.cypher` and `coverage.cypher` use
`CALL (…) {}` subqueries (5.23), the `reach` queries `ANY SHORTEST` over a quantified path pattern (5.21),
`datasets.cypher` `COUNT {}` (5.3). The GitHub workflow runs the 5.26 LTS."""
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
"""The URI schemes pbgraph connects with (the driver's http:// support is a preview it does not use)."""
INDEX_WAIT_SECONDS = 300

CONNECTION_TIMEOUT = 15.0


def _driver_module() -> Any:
    """The Neo4j driver (None when it is not installed), imported when first needed: the commands that do not
    talk to Neo4j start without it."""
    try:
        import neo4j
        import neo4j.exceptions
    except ImportError:  # pragma: no cover - a dependency, but only the Neo4j commands need it
        return None
    return neo4j


def _require_driver() -> Any:
    driver = _driver_module()
    if driver is None:
        raise MissingDependencyError(*both(ERRORS, "no_neo4j_driver"))
    return driver


@dataclass(frozen=True)
class Settings:
    """Where Neo4j is and who we are: from the environment (`NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`,
    `NEO4J_DATABASE`), each but the password overridable. The password is never shown."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    database: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(
        cls,
        *,
        uri: str | None = None,
        username: str | None = None,
        database: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            uri=uri or env.get(ENV_URI) or DEFAULT_URI,
            username=username or env.get(ENV_USERNAME) or DEFAULT_USERNAME,
            database=database or env.get(ENV_DATABASE) or None,
            password=env.get(ENV_PASSWORD),
        )

    @property
    def shown_uri(self) -> str:
        """The URI without any part of its user information or query (see :func:`shown_uri`)."""
        return shown_uri(self.uri)

    def scrub(self, text: str) -> str:
        """`text` with the URI, the password and the URI's user information and query taken out."""
        secrets = [self.uri, self.password or "", *_uri_secrets(self.uri)]
        for secret in sorted((s for s in secrets if len(s) >= 3), key=len, reverse=True):
            text = text.replace(secret, self.shown_uri if secret == self.uri else "***")
        return text


def shown_uri(uri: str) -> str:
    """A URI as it may be printed: scheme, host, port and path, never any part of the user information (all
    up to the last `@`, whatever it holds: `/`, `@`, `?`) nor the query or fragment.

    Examples
    --------
    >>> shown_uri("bolt://neo4j:pa/ss@db:7687"), shown_uri("neo4j://u:p@ss@db"), shown_uri("neo4j://db?password=x")
    ('bolt://db:7687', 'neo4j://db', 'neo4j://db')
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        scheme, rest = "", uri
    return f"{scheme}{sep}{re.split(r'[?#]', rest.rpartition('@')[2], maxsplit=1)[0]}"


def _uri_secrets(uri: str) -> list[str]:
    """The user information (whole, and its password part) and the query of a URI."""
    rest = uri.partition("://")[2] or uri
    userinfo, _, host_part = rest.rpartition("@")
    query = host_part.partition("?")[2] or rest.partition("?")[2]
    return [userinfo, userinfo.partition(":")[2], query]


def server_version(agent: str) -> tuple[int, int] | None:
    """(major, minor) from a server agent string such as `Neo4j/5.26.1`.

    Examples
    --------
    >>> server_version("Neo4j/5.26.1"), server_version("Neo4j/2025.01.0"), server_version("None")
    ((5, 26), (2025, 1), None)
    """
    match = re.search(r"(\d+)\.(\d+)", agent)
    return (int(match[1]), int(match[2])) if match else None


def _first_line(text: str) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


@contextmanager
def _translated(settings: Settings, query: str | None = None) -> Iterator[None]:
    """Turn the driver's errors into a one-line :class:`Neo4jError` that says what to do."""
    uri = settings.shown_uri
    _driver_errors = _require_driver().exceptions
    try:
        yield
    except Neo4jError as error:
        if settings.scrub(str(error)) != str(error):
            raise Neo4jError(settings.scrub(str(error))) from None
        raise
    except _driver_errors.AuthError as error:
        raise Neo4jError(*both(NEO4J, "auth", uri=uri, username=settings.username)) from error
    except (_driver_errors.ServiceUnavailable, _driver_errors.SessionExpired) as error:
        raise Neo4jError(*both(NEO4J, "unreachable", uri=uri)) from error
    except _driver_errors.ConfigurationError as error:
        raise Neo4jError(*both(NEO4J, "bad_uri", uri=uri)) from error
    except _driver_errors.Neo4jError as error:
        if error.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise Neo4jError(*both(NEO4J, "no_database", uri=uri, database=settings.database)) from error
        detail = settings.scrub(f"{error.code}: {_first_line(error.message or '')}")
        raise Neo4jError(*both(NEO4J, "query_failed", query=query or "?", detail=detail)) from error
    except _driver_errors.DriverError as error:
        detail = settings.scrub(_first_line(str(error)))
        raise Neo4jError(*both(NEO4J, "query_failed", query=query or "?", detail=detail)) from error


class Connection:
    """An open connection to Neo4j: a driver, the database to use and the server's version. Close it (or use
    it as a context manager).

    Every session of a connection shares one bookmark manager, so a read after a push sees the push, also on
    a cluster (on a single server this costs nothing). Notifications of severity WARNING the server attaches
    to a result (deprecated syntax, an unknown label …) are kept in :attr:`warnings` as `(query, code, title)`
    instead of being turned into Python warnings by the driver: the integration tests assert there are none.
    """

    def __init__(self, driver: Any, settings: Settings, version: tuple[int, int] | None) -> None:
        self.driver = driver
        self.settings = settings
        self.version = version
        driver_module = _driver_module()
        self.bookmarks = driver_module.GraphDatabase.bookmark_manager() if driver_module is not None else None
        self.warnings: list[tuple[str, str, str]] = []

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    def run(
        self,
        query: CypherQuery,
        parameters: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
    ) -> tuple[list[str], list[Row]]:
        """Run every statement of a query, each in a managed transaction (retried on transient errors);
        returns the columns and records of the last one."""
        params = query_parameters(query, parameters or {})
        keys: list[str] = []
        records: list[Row] = []
        database = self.settings.database
        with (
            _translated(self.settings, query.name),
            self.driver.session(database=database, bookmark_manager=self.bookmarks) as session,
        ):
            for statement in query.statements:
                work = _transaction_work(statement, params)
                keys, records, notes = session.execute_write(work) if write else session.execute_read(work)
                self.warnings += [(query.name, code, title) for code, title in notes]
        return keys, records

    def read(self, query: CypherQuery, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        return self.run(query, parameters)[1]

    def write(self, query: CypherQuery, parameters: Mapping[str, Any] | None = None) -> list[Row]:
        return self.run(query, parameters, write=True)[1]


Work = tuple[list[str], list[Row], list[tuple[str, str]]]


def _transaction_work(statement: str, parameters: Mapping[str, Any]) -> Callable[[Any], Work]:
    # the driver wants literal strings; ours come from the .cypher files, never from values
    text = cast(LiteralString, statement)

    def work(tx: Any) -> Work:
        result = tx.run(text, dict(parameters))
        keys, records = list(result.keys()), [record.data() for record in result]
        notifications = getattr(result.consume(), "summary_notifications", None) or []
        warned = [
            (str(getattr(n, "code", "")), str(getattr(n, "title", "")))
            for n in notifications
            if str(getattr(n, "severity_level", "")).upper().endswith("WARNING")
        ]
        return keys, records, warned

    return work


_SILENCED = False


def connect(settings: Settings | None = None) -> Connection:
    """Open a connection and check the server once (reachable, credentials accepted, Neo4j
    :data:`MINIMUM_SERVER` or later).

    Raises
    ------
    Neo4jError
        With a one-line message that says what to do.
    MissingDependencyError
        The `neo4j` driver is not installed.
    """
    global _SILENCED
    driver_module = _require_driver()
    settings = settings or Settings.from_env()
    if not _SILENCED:
        # the driver logs connection failures itself; we report them once, as a Neo4jError
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        _SILENCED = True
    scheme = settings.uri.partition("://")[0].lower() if "://" in settings.uri else ""
    if scheme not in SCHEMES:
        raise Neo4jError(*both(NEO4J, "bad_scheme", uri=settings.shown_uri, schemes=", ".join(SCHEMES)))
    auth = (settings.username, settings.password) if settings.password is not None else None
    try:
        # the driver warns about some malformed URIs, quoting them whole (password included): such a
        # warning is never shown, the URI is refused instead
        with _translated(settings), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            driver = driver_module.GraphDatabase.driver(
                settings.uri,
                auth=auth,
                connection_timeout=CONNECTION_TIMEOUT,
                # notifications are collected in Connection.warnings, not raised as Python warnings
                warn_notification_severity="OFF",
            )
    except ValueError as error:
        # the driver rejects some malformed URIs (a bad port …) with a plain ValueError
        raise Neo4jError(*both(NEO4J, "bad_uri", uri=settings.shown_uri)) from error
    if caught:
        driver.close()
        raise Neo4jError(*both(NEO4J, "bad_uri", uri=settings.shown_uri))
    try:
        with _translated(settings):
            try:
                driver.verify_connectivity()
            except ValueError as error:
                raise Neo4jError(*both(NEO4J, "bad_uri", uri=settings.shown_uri)) from error
            version = server_version(driver.get_server_info().agent)
        if version is not None and version < MINIMUM_SERVER:
            raise Neo4jError(
                *both(
                    NEO4J,
                    "too_old",
                    version=".".join(map(str, version)),
                    uri=settings.shown_uri,
                    needed=".".join(map(str, MINIMUM_SERVER)),
                )
            )
    except BaseException:
        driver.close()
        raise
    return Connection(driver, settings, version)
