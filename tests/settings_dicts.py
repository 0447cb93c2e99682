"""Every plugin's settings dict: its name in pelicanconf.py, its dataclass, its loader."""

from pathlib import Path
from typing import NamedTuple

from article_extras.settings import ExtrasSettings
from article_extras.settings import load_settings as load_article_extras
from feeds.settings import FeedSettings
from feeds.settings import load_settings as load_feeds
from linkbacks.settings import LinkbacksSettings
from linkbacks.settings import load_settings as load_linkbacks
from mentions.settings import MentionsSettings
from mentions.settings import load_settings as load_mentions
from parallel_build.settings import ParallelSettings
from parallel_build.settings import load_settings as load_parallel_build
from publish_assets.settings import PublishAssetsSettings
from publish_assets.settings import load_settings as load_publish_assets
from reminders.settings import ReminderSettings
from reminders.settings import load_settings as load_reminders
from search.settings import SearchSettings
from search.settings import load_settings as load_search
from share_cards.settings import ShareCardsSettings
from share_cards.settings import load_settings as load_share_cards
from syndication.settings import SyndicationSettings
from syndication.settings import load_settings as load_syndication
from topics.settings import TopicsSettings
from topics.settings import load_settings as load_topics


class SettingsDict(NamedTuple):
    name: str
    fields: type
    load: object


SETTINGS_DICTS = {
    d.name: d
    for d in (
        SettingsDict("ARTICLE_EXTRAS", ExtrasSettings, load_article_extras),
        SettingsDict("FEEDS", FeedSettings, load_feeds),
        SettingsDict("LINKBACKS", LinkbacksSettings, lambda raw: load_linkbacks(raw, Path("/"))),
        SettingsDict("MENTIONS", MentionsSettings, load_mentions),
        SettingsDict("PARALLEL_BUILD", ParallelSettings, load_parallel_build),
        SettingsDict("PUBLISH_ASSETS", PublishAssetsSettings, load_publish_assets),
        SettingsDict("REMINDERS", ReminderSettings, load_reminders),
        SettingsDict("SEARCH", SearchSettings, load_search),
        SettingsDict("SHARE_CARDS", ShareCardsSettings, load_share_cards),
        SettingsDict("SYNDICATION", SyndicationSettings, load_syndication),
        SettingsDict("TOPICS", TopicsSettings, load_topics),
    )
}
