"""What page noise looks like: the patterns and shapes the cleaner (clean.py) removes, and
the outlet, title or author that some of those lines give (recover_metadata).

Keep them general, a kind of line a reader would name ("a photo caption", "a dateline"), not
one outlet's exact words.
"""

from __future__ import annotations

import re

from digest.brief.read import parse_byline
from digest.text.words import word_count

CUT_OFF = re.compile(r"[\w,;:.]\s?(\.\.\.|…)\s*$")
"""A line cut off by the page that shows it as a teaser: "... according to a new ..."."""

SENTENCE_START = r"(^|[.!?][\"”’)]?\s+)"
"""Where a call to action starts: the line, or a sentence after the line's first."""
NOT_AN_UPDATE = r"(?!(?i:updated?|editor['’]?s note|correction|note)\b)"
"""After an opening bracket: not an editor's update or correction, which can carry news
("[UPDATE: Police said Tuesday that the suspect had been arrested.]")."""
HEADLINE_IN_BRACKETS = r"[^\[\]:]{2,80}: [A-Z0-9][^\[\]]{1,120}"
"""Inside brackets, another story's headline: a kicker, a colon and the title ("[Fierce
Fighters: 7 Secrets of Viking Culture]"), at a line's start or after a sentence."""
INLINE_MARK = re.compile(
    r"(?P<footnote>(?<=[\w.!?\"”’)\]])\[\d{1,3}\])"
    r"|(?P<link>(?<=[.!?\"”’])\s*\[" + NOT_AN_UPDATE + HEADLINE_IN_BRACKETS + r"\](?=\s|$))"
)
"""Inside a line, after a word or a sentence: a footnote's number ("... Brain Injury.[12] The
Committee was ...") or another story's headline in brackets ('... "the field of the
assembly." [Fierce Fighters: 7 Secrets of Viking Culture]'); not an author's aside ("[Pro tip:
remember, ...]")."""
LIST_ITEM = re.compile(r"\s*[>*•►▶■◆-]")
"""A line led by a list or quotation marker: an item ("> Occupation: White House
Communications Director", "* Technology spotted antibodies ..."), never the headline."""
NOT_AN_OUTLET = re.compile(
    r"(?i)/|\b(?:images?|photos?|photograph\w*|wikimedia|flickr|shutterstock|istock|"
    r"calculations?|data)\b"
)
"""A "Source:" line naming this names a picture's or a chart's source, not the article's
outlet ("Source: Jdarsie11 / Wikimedia Commons", "Source: Getty Images", "Source:
Calculations by Families USA based on data from ...")."""
WINDOWS_1252 = {c: bytes([c]).decode("cp1252", "ignore") for c in range(0x80, 0xA0)}
"""A Windows page read as Latin-1 shows its typography as C1 controls ("it\\x92s",
"\\x93...\\x94", "\\x97"): read as Windows meant them ("it’s", “...”, "—") rather than
removed, which glued words ("closed\\x97for") and lost quotation marks."""
TERMINAL = re.compile(r"[.!?…:][\"'”’)\]]*$")
"""A line ending like this ends a sentence."""
TEASER_INDEX = 3
"""This many lines cut off with "...", a third of the page's, make it an index of teasers."""

# (pattern, reason, needs): a line that matches is not part of the article. Patterns are
# searched case-insensitively; keep them general (a kind of line, not one outlet's exact
# words). `needs`: words (lower case) one of which every line the pattern matches contains,
# so that its search, which tries every position of a long line, runs only on lines that
# have one (a substring test is many times faster); none for a pattern anchored at the start,
# or at the end (the photo credit, searched from near the end: credit_reach).
NOISE_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # Kinds of noise that make their whole paragraph noise (WHOLE_PARAGRAPH_WORDS) come
    # first, so that the reason a line is given is theirs.
    # a photo gallery or video playlist saved as one line, its items numbered from "1 of N"
    # near its start to "N of N" near its end: "Photos: Sinking of the Musashi The Japanese
    # battleship ... Hide Caption 1 of 6 ... Hide Caption 6 of 6"
    (r"^.{0,1500}?\b1 of ([2-9]|\d\d+)\b.*\b\1 of \1\b.{0,300}$", "gallery", ("1 of ",)),
    # a caption, a bar and its credit (then often the headline and dek): "... walk to the
    # Senate floor Wednesday. | John Shinkle/POLITICO Congressional leaders reach ...", "...
    # said one law professor. | AP Photo Trump's alleged plea ..."
    (
        r"[.!?][\"'”’]? \| (?:photo(?:graph)?s? by\s|(?-i:[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)"
        r"{0,3})\s?/|(?-i:AP|Getty|Reuters|AFP|ABC|NBC|CBS|CNN|EPA|Shutterstock)\b)",
        "caption with credit",
        (" | ",),
    ),
    # a caption ending in its labelled credit: "... the hog-nosed rat, found in Indonesia.
    # Photo: Eddie Jim", "... a 13th century iron vessel underneath a parking lot. Credit: Dr.
    # Oliver J. T. O'Grady"
    (
        r"[.!?][\"'”’)]?\s+(?:photo(?:graph)?|image|picture|credit)s?\s*:\s*"
        r"(?:[^.!?]|\.(?=\s?(?-i:[A-Z]))){2,80}$",
        "caption with credit",
        ("photo", "image", "picture", "credit"),
    ),
    # a caption ending in its credit in brackets: "Yuli Gurriel rounds the bases after hitting a
    # solo home run in the second inning. (Photo: Thomas Shea, USA TODAY Sports)"
    (
        r"\((?:photo|image|credit)s?(?: by|:)\s*[^()]{1,80}\)\s*$",
        "caption with credit",
        ("photo", "image", "credit"),
    ),
    # an embedded post: the tweet's signature "— Judy Mozes (@JudyMozes) June 21, 2015" ends
    # the tweet's paragraph; Instagram's "A post shared by Name (@name) on Jun 20, 2017"
    (r"[—–-]\s*[^—–]{1,60}\(@\w{1,20}\)\s*[a-z]+\.? \d{1,2},? \d{4}\s*$", "embedded post", ("(@",)),
    (r"\ba post shared by\b.{0,80}\(@[\w.]+\)", "embedded post", ("a post shared by",)),
    (r"\bpic\.twitter\.com/\w", "embedded post", ("pic.twitter.com/",)),
    # a web archive's notice about its crawls, saved in place of the page it lost
    (
        r"\bcrawl(s|ed)?\b.{0,60}\b(archiv\w*|no more 404)\b|\bcrawl (data|of)\b|\barchive-it\b|"
        r"\binter-domain (navigational )?link|\bhighly ranked urls\b|\bnumber of unique urls\b",
        "web archive notice",
        ("crawl", "archive-it", "inter-domain", "ranked urls", "unique urls"),
    ),
    # a caption ends in its picture's credit: "... in his own words. (Sarah Parnass/The
    # Washington Post)", "... Paul Zimmerman/WireImage", "... talked to NBC News' Lester
    # Holt. NBC News"; a sentence of the article ends in a full stop
    (
        r"\((?:(?:photo|image|credit)s?(?: by|:)\s*)?(?-i:[A-Z])[^()\d/]{1,60}/[^()\d]{1,60}\)\s*$",
        "caption with credit",
        ("/",),
    ),
    (
        r"(?-i:\b[A-Z][\w.'’-]*\s[A-Z][\w.'’-]*\s?/\s?[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,3})\s*$",
        "caption with credit",
        ("/",),
    ),
    (
        r"(?-i:(?<!\.)[a-z0-9][.!?][\"'”’)]*\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})\s*$",
        "caption with credit",
        (),
    ),
    (r"^the post .+ appeared first on .+$", "syndication footer", ()),
    (r"^source:\s*\S.{0,120}$", "source line", ()),
    (r"\btranslated by:", "translation credit", ("translated by:",)),
    # a period only after an abbreviation or initial: "By Staff Sgt. Benjamin W. Stratton, 7th
    # Air Force Public Affairs / Published March 24, 2017"
    (r"^by\s+[A-Z]([^.!?]|\.(?=\s?(?-i:[A-Z/]))){2,160}$", "byline", ()),
    (
        r"\b(contributed reporting|contributed to this report)\b",
        "reporting credit",
        ("contributed ",),
    ),
    (r"^(updated|published|posted|last updated|modified)\b[^.!?]{0,40}$", "timestamp", ()),
    (r"^(photo|image|picture|credit|caption)s?\s*:", "photo caption", ()),
    (r"^image (copyright|caption)\b", "photo caption", ()),
    # a credit before its caption: "Getty - Contributor James Maybrick, the cotton merchant
    # suspected of being Jack The Ripper", "Rex Features The diary which experts now say ..."
    (r"^(getty( images)?\s*[-–/]\s|rex features\s)[^.!?]*$", "photo caption", ()),
    (r"^(file\s*[-–—]+\s*)?in this\b.{0,60}?\b(photo|image|picture)\b", "photo caption", ()),
    # a picture dated in full ("in Luhansk, Sunday, April 6, 2014."), prose says "on Sunday"
    (
        r"\b(mon|tues|wednes|thurs|fri|satur|sun)day,? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
        r"nov|dec)[a-z]*\.? \d\d?,? (1[89]|20)\d\d\b",
        "photo caption",
        ("day",),
    ),
    (
        r"\b(AP|AFP|Reuters|Getty Images|EPA|Bloomberg|Associated Press) ?(photo|via)?\s*\)?$",
        "photo credit",
        (),
    ),
    # a pasted link; one in brackets is the sentence's source, cited in it: "by using MEGA
    # 5.05 software (http://www.megasoftware.net/) as described", "(see: https://...)"
    (r"(?<!\()(?<!\(see )(?<!\(see: )\bhttps?://\w", "link or embed", ("http",)),
    # the page telling its reader what to do next: "Watch the full season on ...", "Contact
    # him at ...", "For more information, go to ...", "Welcome to the official channel of ...",
    # "Get push notifications ...", also as a line's later sentence: "Have you done the Ice
    # Bucket Challenge? Tell us about it on our Facebook page."
    (
        SENTENCE_START + r"(for more information\b|(watch|listen to|visit|follow|contact|download|"
        r"read) (the full|the official|our|us|him|her|them)\b|welcome to (the|our)\b|(please )?"
        r"(sign up|subscribe|register|log in)\b|(get|receive) (push notifications|breaking news|"
        r"the latest|our|daily|free)\b|join the conversation\b|stay up to date\b|read on for\b|"
        r"share (on|this|via)\b|(tell|let) us (know|about|what)\b|"
        r"(watch|see|view|check out) (the |our |this )?(full |latest )?(video|clip|photos?|"
        r"gallery|slideshow|footage)\b|(please )?(follow|like|join|find|friend)\b[^.!?]{0,60}?"
        r"\b(on|at|via) (twitter|facebook|instagram|google\+|youtube|snapchat|linkedin|tiktok|"
        r"@\w))",
        "call to action",
        (),
    ),
    (r"\bclick here\b", "call to action", ("click here",)),
    # a pointer to more elsewhere: "Variety has much more on the mix-up.", "This link to an
    # article in ... the San Francisco Chronicle has more details about the Dimmick theft."
    # (not "He has more on the line", "She has more on her mind")
    (
        SENTENCE_START + r"(?-i:[A-Z])[^.!?]{1,100}\bha(s|ve) (much |lots |a lot )?more "
        r"(on|about|details|information)\b(?! the line| \w+ (mind|plate|shoulders)\b)"
        r"[^.!?]{0,60}([.!:]|$)",
        "call to action",
        ("more ",),
    ),
    # another story's headline, linked: "Hitler's world may not be so far away | Timothy
    # Snyder Read more", "READ: Greg Kelley is released on bond ...", "MORE: 'Gaggle' podcast
    # ...", and menus: "Defense & Homeland Security | Energy & Environment | Healthcare"
    (r"[^.!?\s]\s+(?-i:Read [Mm]ore|READ MORE)\W{0,3}$", "related link", ("read more",)),
    # (a headline ends no sentence: "MORE: Storm snarls flights in Chicago, Midwest Southwest
    # Airlines, which canceled ... Thursday, ..." is a headline glued to the article's sentence)
    (
        r"^[►•\s]*(read|more|also|related|see also|watch|read next|explore further|story|blog)"
        r"( more)?\s*:\s(?:[^.!?]|\.(?=\w))*\??[\"'”’]?$",
        "related link",
        (),
    ),
    (r"^(?-i:MORE [A-Z][a-z])[^.!?]*$|^read (next|the blog)\b[^.!?]*$", "related link", ()),
    (r"^[^.!?]{0,200} \| [^.!?]{0,200}[^.!?\"'”’)\s]$", "related link", (" | ",)),
    # a link to another story in brackets: "[Photos: Ancient Egyptian Cemetery ...]", "[Rapinoe
    # responds after the game: 'It's [expletive] unbelievable. Saddened by it.']", "[Who is
    # Brian Sandoval?]" (a longer one is an editor's update, which can carry news)
    (r"^\[" + NOT_AN_UPDATE + r"(?:[^\[\]]|\[[^\[\]]*\]){3,200}\]$", "related link", ()),
    (r"\bfollow (us|me) (on|at|@)", "call to action", ("follow us", "follow me")),
    # what a page's player or feed says in place of what it could not show
    (
        r"\bthe video has been rented\b|\b(feature|video|content) is (not|no longer) available\b"
        r"|\benable javascript\b|\badd location information to your tweets\b"
        r"|\bwhen you tweet with a location\b|^add a location to your tweets\b"
        r"|\b(transcript|video|player|content) could not be loaded\b|\blicensing requests?\b",
        "player or feed message",
        (
            "rented",
            "available",
            "javascript",
            "location information",
            "a location",
            "could not be loaded",
            "licensing",
        ),
    ),
    # a teaser cut off by its index page: "... according to a new ...", "... in the United …"
    (CUT_OFF.pattern, "cut-off teaser", ("...", "…")),
    (r"\b(sign up|subscribe|view all)\b.{0,80}\bnewsletter", "newsletter banner", ("newsletter",)),
    (r"\bnewsletter\b.{0,40}\bsubscribe\b", "newsletter banner", ("newsletter",)),
    (r"\byou agree to (our|the)\b", "page chrome", ("you agree to",)),
    # what a site shows around or in place of the article: an error page, a sign-in wall, a
    # template's placeholders ("Sorry, the page you requested could not be found.", "Sign in
    # using you account with: {* loginWidget *}", "Your custom domain mapping may take ...")
    (
        r"\bpage (you|you've) (requested|are looking for|were looking for)\b|\bfrom a bookmark\b"
        r"|\bcontact (our|the) webmaster\b|\{\*[^{}]{1,60}\*\}|^sign in (using|with)\b"
        r"|^(welcome back\. )?please sign in\b|^thank you for registering\b"
        r"|^already have an account\b|\bdomain mapping\b|\bnot publicly accessible\b"
        r"|\bmay no longer be (here|available)\b|\[(website|site|email)\]"
        # a site's tagline, a map's disclaimer
        r"|^from wikipedia, the free encyclopedia$|\bdo not imply the expression of any opinion\b",
        "site furniture",
        (
            "page you",
            "bookmark",
            "webmaster",
            "{*",
            "sign in",
            "registering",
            "have an account",
            "domain mapping",
            "publicly accessible",
            "no longer be",
            "[website]",
            "[site]",
            "[email]",
            "wikipedia",
            "any opinion",
        ),
    ),
    (r"\btotal shares\b|^(topics|tags|filed under)\s*:", "page chrome", ()),
    (r"^journal reference\s*:", "source line", ()),
    # a button's label ends the line: "... never miss our top stories Free Sign Up"
    (
        r"(?-i:\b(Sign Up|SIGN UP|Subscribe|SUBSCRIBE|Sign In|Log In)( Now| NOW)?)\s*$",
        "page chrome",
        (),
    ),
    (r"\b(directly )?(to|in) your inbox\b", "newsletter banner", ("your inbox",)),
    (
        r"^(advertisement|sponsored content|read more|related:?|share this article|enlarge\b|"
        r"subscribe (to|now|today)|support our journalism|become a (subscriber|member))\b",
        "page chrome",
        (),
    ),
    (
        r"\b(all rights reserved|©|copyright \d{4})",
        "copyright notice",
        ("all rights reserved", "©", "copyright "),
    ),
    (r"^(skip in skip x embed x share\s+)?(?-i:CLOSE\s+[A-Z0-9])", "video player caption", ()),
    # "MUST WATCH Search for MH370 goes underwater 01:51", "Media playback is unsupported on
    # your device Media caption The area is known as ..."; a caption ends in no full stop, so
    # on a page pasted as one line it is glued to the article's next sentence: a line of 40
    # words or more (as PARAGRAPH_WORDS) stays
    (
        r"^(must watch|play video|media playback is unsupported on your device)\b"
        r"(?!(?:\W*+\w++){33})",
        "video player caption",
        (),
    ),
    (r"\bautoplay\b", "video player caption", ("autoplay",)),
)
WHOLE_PARAGRAPH_WORDS = {
    "embedded post": 150,
    "web archive notice": 150,
    "caption with credit": 150,
    "gallery": 10**9,
}
"""Noise that makes its whole paragraph noise, up to this many words: the tweet a signature
ends, the caption a credit ends, a web archive's notice; a longer line is an article pasted
as one line, whose noise goes sentence by sentence. A gallery is its whole line, however
long: its numbered items run from near the line's start to near its end. Other noise in a
long paragraph is removed sentence by sentence."""
# re.IGNORECASE matches these to ASCII letters where lower() does not (the long s to "s");
# they are folded before the `needs` test, so that it never passes over a line that matches
CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
TAIL_REACH = 24
"""The photo credit pattern ends the line: its match ("Getty Images via") starts at most this
many characters before the end of the line without its closing white space and ")"."""

# Where one of these starts a line near the end, the rest of the page is banner or chrome
# (in any language) until a normal paragraph of the article's language comes back. Only at
# the start of the line and as whole words: "subscribers" or "a newsletter" in the middle of
# a paragraph is the article's subject, not a banner.
_BANNER_WORDS = (
    r"(?:newsletters?|subscribe|subscription|suscr[ií]b[ea]te|suscr[ií]base|suscripci[oó]n|"
    r"abonnez|abonnement|iscriviti|assine|assinatura|sign up|sign in|log in|create an account|"
    r"cookies?)\b"
)
BANNER_START = re.compile(r"(?i)^\W*" + _BANNER_WORDS)
BIO = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}\s+(is|was)\s+(a|an|the)\b.{0,160}?\b"
    r"(correspondent|reporter|editor|chief|writer|columnist|journalist|contributor|producer|"
    r"photographer|analyst|anchor)\b"
)
BIO_FOLLOW_UP = re.compile(
    r"^(He|She|They)\s+(writes|covers|reports|has covered|previously|joined)\b"
)
LABEL_KINDS = {
    "dateline": "dateline",
    "credit": "photo credit",
    "marker": "list marker",
    "link": "related link",
    "footnote": "footnote number",
}
"""What each named part of OPENING_LABEL is, as the removed line's reason ("section label" for
the others)."""
OPENING_LABEL = re.compile(
    # "NEW YORK (AP) — ", "MURPHY, N.C. — ", "CAPE CANAVERAL, Florida (Reuters) - ",
    # "FLORENCE, Italy, Feb. 25 (UPI) -- "
    r"^(?:(?P<dateline>[A-Z]{2}[A-Z.'’/-]*(?: [A-Z][A-Z.'’/-]+){0,3}"
    r"(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})?(?:, [A-Z][a-z]{2,8}\.? \d\d?)?"
    r"(?: ?\([^()]{1,40}\))?\s*(?:—|–|--| -) |"
    # "(CNN) -- ", "Havana (CNN) ", "Moscow (AFP) - "
    r"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})? ?)?"
    r"\((?:AP|CNN|Reuters|AFP|UPI|Xinhua|dpa|Bloomberg)\)\s*(?:(?:—|–|--|-)\s*)?)|"
    # a structured abstract's headings: "Abstract A previously healthy man ..."
    r"(?:Abstract|Importance|Background|Objectives?|Design, Setting, and Participants|Methods|"
    r"Results|Conclusions(?: and Relevance)?|Main Outcomes? and Measures?|Findings|"
    # CNN's summary bullets: "Story highlights Sen. Lindsey Graham will host a fundraiser ..."
    r"Story highlights) |"
    # a blog post's labels: "UPDATE: Fox News announced ...", "ORIGINAL POST: Juan Williams
    # ...", "Updated | When the first humans left Africa ..."
    r"(?:UPDATED?|Updated?|ORIGINAL POST|Original post|EDITOR'S NOTE|Editor's note)(?:: | \| )|"
    # a list's number or marker: "10. Horowitz hands his Oscar to Barry Jenkins, Moonlight's
    # director.", "- Our annual database of state employee salaries was ...", "* His lead ..."
    r"\d{1,2}\. |(?P<marker>[-–—*•►▪]{1,2} ?(?=[\"“‘'(]?[A-Z]))|"
    # a footnote's number, another story's headline or a media label in brackets: "[12] The
    # Committee was ...", "[Fierce Fighters: 7 Secrets of Viking Culture] Such sites are ...",
    # "[Video Link] The Wilco track ..." (not an editor's "[President's Chief of Staff] said")
    r"(?P<footnote>\[\d{1,3}\]\s*)|(?P<link>\["
    + NOT_AN_UPDATE
    + r"(?:"
    + HEADLINE_IN_BRACKETS
    + r"|"
    r"(?i:video|image|photo|gallery|related|read|watch|listen)\b[^\[\]]{0,80})\]\s*)|"
    # a photo credit glued before the text: "(AP Photo/Michael Probst, File) ", "John
    # Moore/Getty Images "
    r"(?P<credit>\(AP Photo/[^()]{1,60}\)\s*|[A-Z][\w.'’ -]{1,40}/(?:[A-Z]+/)?Getty Images\s+))"
    r"(?=[\"“‘'(]?[A-Z0-9])"
)
"""Where and from whom a story was filed, an abstract's or a blog post's heading, a list's
number or a photo credit glued before a paragraph: no part of its first sentence."""


def is_teaser_index(lines: list[str]) -> bool:
    """Whether the page is an index of teasers, each cut off at a fixed length ("... a new
    study ...", ScienceDaily's index saved as an article): at least TEASER_INDEX lines, and a
    third of them, end cut off with "..." or "…"."""
    cut = sum(bool(CUT_OFF.search(line)) for line in lines)
    return cut >= TEASER_INDEX and 3 * cut >= len(lines)


def credit_reach(plain: str) -> int:
    """Where a photo credit's match can start at the earliest: it ends the line, followed
    only by white space and one ")"."""
    end = plain.rstrip()
    end = end[:-1].rstrip() if end.endswith(")") else end
    return max(0, len(end) - TAIL_REACH)


RELATED_HEADING = re.compile(
    r"(?i)^\W*(also( read| see| check out| from [^.!?]{1,40})?|read more|previous(ly| stories)|"
    r"related( stories| articles| links| coverage| content)?|"
    r"more( stories| coverage| video)?|see also|more from [^.!?]{1,40}|"
    r"you (may|might) also like|recommended( stories| for you)?)\W*$"
)
"""The heading of a list of other stories' headlines: "ALSO:", "READ MORE", "Related"."""
RELATED_HEADLINE_WORDS = 20
"""A headline under such a heading is at most this long."""


def mark_related_links(lines: list[str], reasons: dict[int, str]) -> None:
    """A heading such as "ALSO:" or "READ MORE" and the headlines after it, links to other
    stories ("Ellen DeGeneres, others help family after their U-Haul was stolen"), are no
    part of the article: each headline-like line (short, ending no sentence but a question)
    after the heading goes, up to the first line that is not."""
    listing = False
    for i, line in enumerate(lines):
        if RELATED_HEADING.match(line):
            listing = True
        elif listing and (
            len(line.split()) > RELATED_HEADLINE_WORDS
            or (TERMINAL.search(line) and not line.rstrip("\"'”’").endswith("?"))
        ):
            listing = False
        if listing:
            reasons.setdefault(i, "related link")


def recover_metadata(line: str, found: dict[str, str]) -> None:
    """Fill `found` (outlet, title, author) from a line the cleaner removes: "The post ...
    appeared first on ...", the one "Source:" line (not a picture's, NOT_AN_OUTLET; a page
    giving several names each picture's) or a byline."""
    post = re.match(r"(?i)^the post (.+) appeared first on (.+?)\.?$", line)
    if post:
        found.setdefault("title", post.group(1).strip())
        found.setdefault("outlet", post.group(2).strip())
    source = re.match(r"(?i)^source:\s*([^,;]{2,80})", line)
    if source and not NOT_AN_OUTLET.search(source.group(1)):
        value = source.group(1).strip()
        first = found.setdefault("source", value)
        if first == value:
            found.setdefault("outlet", value)
        elif found.get("outlet") == first:
            found["outlet"] = ""  # sources that differ are each a picture's, none the outlet
    author = parse_byline(line) if re.match(r"By\s+[A-Z]", line) else None
    if author and word_count(line) <= 30:
        found.setdefault("author", author)
