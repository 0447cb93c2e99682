"""A deterministic benchmark corpus: N articles of realistic Markdown and their mentions.

    python -m bench.corpus DIR [-n 1000]

writes, under DIR (the Pelican content directory of the benchmark):

    articles/NNNNN-<slug>.md   N articles (about 1 in 97 a draft)
    pages/about.md             one page
    images/figure.svg          the image some articles show
    mentions/<slug>.json       mentions of every fifth article, in the mentions
                               plugin's own store format (written by its store)

The text is made of sentence templates filled from word lists by a random
generator seeded with the article's index, so article i is the same bytes in
every corpus that has it, whatever N is: a 4,000-article corpus starts with
the 1,000-article one. Each article has the header our content check requires,
3 to 6 sections (## and ###), paragraphs with emphasis, smart-quote material
and external links, bulleted and numbered lists, a blockquote, a link to an
earlier article, and some have a fenced code block, a table, a footnote or an
image, roughly as often as a real blog of this kind uses them.

Run with `plugins/` on the import path (the Makefile's `bench` target does):
the mention files are written by `mentions.store` so they always match it.
"""

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mentions.model import Mention
from mentions.store import article_text

FIRST_DATE = datetime(2016, 1, 4, 8, 0)
AUTHORS = ("Maya Okafor", "Tomás Lindqvist", "Priya Raman", "Daniel Osei")
CATEGORIES = (
    "Reconnecting",
    "Networking",
    "Job Search",
    "Interviews",
    "Career Change",
    "Remote Work",
)
TAGS = (
    "reconnecting", "networking", "referrals", "weak-ties", "introverts", "layoffs",
    "scheduling", "reminders", "email", "linkedin", "interviews", "informational-interviews",
    "salary", "negotiation", "resume", "cover-letters", "portfolio", "career-change",
    "remote-work", "mentors", "alumni", "conferences", "meetups", "follow-up", "gratitude",
    "honesty", "small-talk", "cold-outreach", "recruiters", "job-boards", "side-projects",
    "volunteering", "references", "onboarding", "first-90-days", "burnout", "confidence",
    "rejection", "job-offers", "freelancing", "contracting", "industry-switch", "students",
    "returners", "parents", "over-50", "visas", "relocation", "startups", "big-companies",
    "public-sector", "nonprofits", "writing", "speaking", "communities", "slack-groups",
    "coffee-chats", "thank-you-notes", "check-ins", "habits",
)  # fmt: skip
TOPICS = (
    "the catch-up message", "a referral request", "an informational interview",
    "a coffee chat", "a follow-up note", "a thank-you email", "a cold introduction",
    "an alumni reunion", "a conference hallway chat", "a recruiter call",
    "a reference check", "a LinkedIn message", "a six-month check-in", "a job-search circle",
    "a mentor meeting", "a portfolio review", "a salary conversation", "an exit interview",
)  # fmt: skip
PEOPLE = (
    "a former manager", "an old teammate", "a university friend", "a mentor",
    "someone you met once at a meetup", "a recruiter", "a hiring manager",
    "a neighbour in your field", "a client from years ago", "a fellow job seeker",
    "a colleague who moved abroad", "an ex-intern you supervised",
)  # fmt: skip
ACTIONS = (
    "send a short note", "ask one specific question", "share an article they would like",
    "congratulate them on the new role", "admit it has been a while",
    "offer an introduction", "say what you are looking for", "keep it under five sentences",
    "suggest a twenty-minute call", "follow up once, a week later", "write down what you learned",
    "set a reminder for six months from now", "thank them by name", "mention the "
    "project you shared",
)  # fmt: skip
FEELINGS = (
    "awkward", "pushy", "needy", "fake", "late", "transactional", "rusty", "out of place",
)  # fmt: skip
PLACES = (
    "at the start of a job search", "after a layoff", "between contracts",
    "in the first week of a new job", "before a big interview", "when you change industries",
    "during a long search", "once an offer arrives", "when nobody answers",
)  # fmt: skip
SITES = (
    "https://www.example.org/research/weak-ties",
    "https://careers.example.com/guides/referrals",
    "https://blog.example.net/2019/06/the-follow-up",
    "https://www.example.edu/alumni/mentoring",
    "https://news.example.org/labour-market/report",
    "https://podcast.example.com/episodes/142",
)  # fmt: skip
SENTENCES = (
    "Most people feel {feeling} when they {action}, and almost nobody on the other side notices.",
    "The first time I tried {topic} with {person}, I rewrote it four times; the "
    "fifth version was the shortest.",
    "If you only remember one thing, *{action}* and stop there.",
    "It's easier {place} than you'd think, because {person} has usually been where you are.",
    "A study I keep coming back to ([this one]({site})) found that most jobs still "
    "come through people we barely know.",
    "You don't need a perfect reason to get in touch; \"I thought of you\" is a reason.",
    "**Be specific.** A vague request is hard to say yes to, while a small, clear one is easy.",
    "When {person} doesn't answer, it's rarely about you: inboxes are full and weeks are short.",
    "I used to think {topic} was about asking for things; now I think it's about "
    "being easy to help.",
    "Write the way you talk, then cut the first sentence, which is almost always throat-clearing.",
    "The worst outcome is silence, and silence costs you nothing you had before.",
    "Keep a note of what you talked about, so next time you can pick up the thread "
    "instead of starting over.",
    "Some readers asked whether it's \"too late\" to {action}; it isn't, and it rarely is.",
    "Offer something first, even if it's small: a link, an introduction, a kind word "
    "about their work.",
    "{place_cap}, the temptation is to {action} with everyone at once; pick three people instead.",
    "There's a difference between being persistent and being a nuisance, and it's mostly timing.",
    "Treat {topic} like a conversation, not a transaction, and it stops feeling {feeling}.",
    "One reader told me that {person} replied within an hour and said, \"I was "
    "hoping you'd write.\"",
    "See [the guide on referrals]({site}) for a longer list, but the short version "
    "fits on a sticky note.",
    "It's fine to say you're looking for work; it's {feeling} only if you pretend you aren't.",
    "The second message matters more than the first, because it shows you meant the first one.",
    "Don't wait until you need something: the best time to {action} is before you need anything.",
)  # fmt: skip
LIST_ITEMS = (
    "Name the person and how you know them.",
    "Say why you're writing *now*.",
    "Ask for one thing, or for nothing at all.",
    "Make it easy to say no.",
    "Thank them, whatever they answer.",
    "Put a date in your calendar to follow up.",
    "Keep the message under 120 words.",
    "Read it aloud before you send it.",
    "Link to something useful for **them**.",
    "Mention the last thing you talked about.",
)  # fmt: skip
QUOTES = (
    "The people you drift away from are often the ones who help most.",
    "Networking is just keeping in touch, on purpose.",
    "Nobody minds a short, honest message. Everybody minds a long, vague one.",
    "Ask for advice and you'll get advice; ask for a job and you'll get a form.",
)  # fmt: skip
HEADINGS = (
    "Why it feels hard", "Start small", "What to write", "When to send it", "If nobody answers",
    "A template you can adapt", "What not to do", "Keep the thread going", "Make it two-way",
    "The follow-up", "A short checklist", "What changed for me", "Questions readers asked",
)  # fmt: skip
CODE_BLOCK = """```text
Hi {first},

It's been a while since {topic_short}, and I thought of you this week.
I'm looking for my next role in {field} and would value ten minutes
of your advice. No pressure at all if now isn't a good time.

Thanks, and I hope the new job is going well,
Sam
```"""
TABLE = """| Relationship | Check in every | First message |
|---|---|---|
| Close | 2-3 months | A question about their news |
| Wider | 6 months | Something useful to them |
| Distant | 12 months | An honest "it's been a while" |"""
FIELDS = ("operations", "data analysis", "product design", "customer success", "logistics")
NETWORKS = (
    ("mastodon", "https://mastodon.example/@{handle}/{number}"),
    ("bluesky", "https://bsky.example/profile/{handle}/post/{number}"),
    ("web", "https://{handle}.blog.example/notes/{number}"),
)
KINDS = ("like", "like", "like", "repost", "reply", "mention", "bookmark")
NAMES = (
    "Femi Adebayo", "Gus Oliveira", "Marta Nowak", "Aiko Tanaka", "Lena Fischer",
    "Omar Haddad", "Chloé Martin", "Ravi Menon", "Sofia Rossi", "Jonas Berg",
)  # fmt: skip
MENTION_EVERY = 5
DRAFT_EVERY = 97
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">'
    '<rect width="320" height="200" fill="#eef"/><circle cx="160" cy="100" r="60" fill="#88c"/>'
    "</svg>\n"
)
ABOUT = """Title: About
Slug: about
Summary: A generated site for the build benchmark.

This site is generated by `bench/corpus.py` for the build benchmark. Its articles are
made of sentence templates; they read like advice, but they are not meant to be read.
"""


def generate(directory: Path, count: int) -> None:
    """Write a corpus of `count` articles (and its page, image and mentions) under `directory`."""
    for sub in ("articles", "pages", "images", "mentions"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    (directory / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    (directory / "images" / "figure.svg").write_text(SVG, encoding="utf-8")
    titles = [article_title(index) for index in range(count)]
    for index in range(count):
        text = article_source(index, titles)
        (directory / "articles" / article_filename(index, titles[index])).write_text(
            text, encoding="utf-8"
        )
        mentions = article_mentions(index, titles[index])
        if mentions:
            (directory / "mentions" / f"{slug_of(index, titles[index])}.json").write_text(
                article_text(mentions), encoding="utf-8"
            )


def article_title(index: int) -> str:
    """The title of article `index` (the same in every corpus)."""
    rng = random.Random(f"title-{index}")
    forms = (
        "How to {verb} {topic}",
        "{topic_cap}, without feeling {feeling}",
        "{number} things I learned from {topic}",
        "What to do {place}",
        "Why you should {action}",
    )
    title = rng.choice(forms).format(
        verb=rng.choice(("write", "plan", "survive", "enjoy", "rescue")),
        topic=rng.choice(TOPICS),
        topic_cap=rng.choice(TOPICS).capitalize(),
        feeling=rng.choice(FEELINGS),
        number=rng.choice(("Three", "Five", "Seven")),
        place=rng.choice(PLACES),
        action=rng.choice(ACTIONS),
    )
    return f"{title} ({index + 1})"


def slug_of(index: int, title: str) -> str:
    """A slug from the title; the index in the title keeps every slug unique."""
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words)


def article_filename(index: int, title: str) -> str:
    """The source file name of article `index`: sorted by index, named by slug."""
    return f"{index:05d}-{slug_of(index, title)}.md"


def article_date(index: int) -> datetime:
    """Articles come out every 1.5 days on average, at varying hours."""
    return FIRST_DATE + timedelta(hours=36 * index + (index * 7) % 11)


def article_source(index: int, titles: list[str]) -> str:
    """The Markdown text of article `index`; links only point to earlier articles."""
    rng = random.Random(f"article-{index}")
    title = titles[index]
    date = article_date(index)
    tags = rng.sample(TAGS, rng.randint(2, 5))
    header = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d %H:%M}",
    ]
    if index % 4 == 1:
        header.append(f"Modified: {date + timedelta(days=rng.randint(3, 90)):%Y-%m-%d %H:%M}")
    header += [
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(tags)}",
        f"Slug: {slug_of(index, title)}",
        f"Author: {rng.choice(AUTHORS)}",
        f"Summary: {_sentence(rng)}",
    ]
    if index % DRAFT_EVERY == DRAFT_EVERY - 1:
        header.append("Status: draft")
    blocks = [_paragraph(rng, 3, 5), _paragraph(rng, 2, 4)]
    if index % 8 == 3:
        blocks.append(
            "![A calendar with one reminder circled]({static}/images/figure.svg)"
            '{: width="320" height="200" loading="lazy" }'
        )
    headings = rng.sample(HEADINGS, 7)
    for section in range(rng.randint(3, 6)):
        blocks.append(f"## {headings[section]}")
        blocks.append(_paragraph(rng, 3, 6))
        feature = rng.randrange(4)
        if feature == 0:
            blocks.append("\n".join(f"- {item}" for item in rng.sample(LIST_ITEMS, 4)))
        elif feature == 1:
            items = rng.sample(LIST_ITEMS, 3)
            blocks.append("\n".join(f"{n}. {item}" for n, item in enumerate(items, 1)))
        elif feature == 2:
            blocks.append(f"> {rng.choice(QUOTES)}")
        if section == 1:
            blocks.append(f"### {headings[6]}")
            blocks.append(_paragraph(rng, 2, 4))
        blocks.append(_paragraph(rng, 2, 5))
    if index > 0:
        earlier = rng.randrange(index)
        blocks.append(
            f"I wrote more about this in [{titles[earlier]}]"
            f"({{filename}}{article_filename(earlier, titles[earlier])})."
        )
    if index % 4 == 2:
        blocks.append(
            CODE_BLOCK.format(
                first=rng.choice(NAMES).split()[0],
                topic_short=rng.choice(("we worked together", "the conference", "your talk")),
                field=rng.choice(FIELDS),
            )
        )
    if index % 6 == 5:
        blocks.append(TABLE)
    if index % 5 == 4:
        blocks[-1] += " It is a habit, not a talent.[^1]"
        blocks.append("[^1]: Habits are easier to keep when they are scheduled.")
    blocks.append(_paragraph(rng, 2, 4))
    return "\n".join(header) + "\n\n" + "\n\n".join(blocks) + "\n"


def article_mentions(index: int, title: str) -> list[Mention]:
    """Mentions of every MENTION_EVERY-th article, 1 to 12 of mixed kinds; else none."""
    if index % MENTION_EVERY:
        return []
    rng = random.Random(f"mentions-{index}")
    published = article_date(index).replace(tzinfo=UTC)
    mentions = []
    for number in range(rng.randint(1, 12)):
        network, pattern = rng.choice(NETWORKS)
        name = rng.choice(NAMES)
        handle = name.split()[0].lower()
        kind = rng.choice(KINDS)
        when = published + timedelta(hours=rng.randint(1, 400))
        url = pattern.format(handle=handle, number=index * 100 + number)
        mentions.append(
            Mention(
                id=f"bench:{index}-{number}",
                origin="webmention.io",
                kind=kind,
                source_url=url,
                url=url,
                published=when,
                received=when + timedelta(minutes=5),
                author_name=name,
                author_url=pattern.format(handle=handle, number="").rstrip("/"),
                author_photo=None,
                author_avatar=None,
                text=_sentence(rng) if kind in ("reply", "mention") else None,
                network=network,
            )
        )
    return mentions


def _sentence(rng: random.Random) -> str:
    place = rng.choice(PLACES)
    return rng.choice(SENTENCES).format(
        feeling=rng.choice(FEELINGS),
        action=rng.choice(ACTIONS),
        topic=rng.choice(TOPICS),
        person=rng.choice(PEOPLE),
        place=place,
        place_cap=place.capitalize(),
        site=rng.choice(SITES),
    )


def _paragraph(rng: random.Random, low: int, high: int) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(low, high)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="where to write the corpus")
    parser.add_argument("-n", "--articles", type=int, default=1000, help="number of articles")
    args = parser.parse_args(argv)
    generate(args.directory, args.articles)
    print(f"{args.articles} articles written to {args.directory}")


if __name__ == "__main__":
    main()
