"""The words news writing attributes with: verbs of speech, titles, the nouns of sources.

Data only, shared by the sentence splitter (a quotation ending in "?" or "!" runs on into
its tag), the tag reader (:mod:`.tags`) and the speaker model (:mod:`.speakers`). Each list
is what English news copy uses to say who says something; a word missing here is a tag the
model cannot read, so the lists are the place to extend it.

Pure data; no Sphinx.
"""

from __future__ import annotations

import re

#: Verbs that tag a quotation or a reported statement, in the forms news copy uses them.
#: "called" and "pointed to" count: "called the walkout reckless" reports a view.
SPEECH_VERBS = (
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "argued",
    "argues",
    "argue",
    "warned",
    "warns",
    "warn",
    "called",
    "calls",
    "call",
    "denied",
    "denies",
    "deny",
    "confirmed",
    "confirms",
    "confirm",
    "estimated",
    "estimate",
    "found",
    "finds",
    "find",
    "reported",
    "wrote",
    "writes",
    "stated",
    "claimed",
    "insisted",
    "insists",
    "insist",
    "explained",
    "explains",
    "acknowledged",
    "acknowledges",
    "predicted",
    "predicts",
    "concluded",
    "concludes",
    "asked",
    "asks",
    "urged",
    "urges",
    "announced",
    "announces",
    "recalled",
    "recalls",
    "projected",
    "suggested",
    "suggests",
    "cautioned",
    "cautions",
    "conceded",
    "concedes",
    "replied",
    "replies",
    "responded",
    "responds",
    "shouted",
    "shouts",
    "complained",
    "complains",
    "countered",
    "counters",
    "maintained",
    "maintains",
    "contended",
    "contends",
    "pointed out",
    "points out",
    "point out",
    "pointed to",
    "points to",
    "point to",
    # an estimate: "the authority has put its backlog at $5 billion"
    "has put",
    "have put",
    "had put",
    "puts",
)
#: Verbs and phrases of a view held rather than spoken ("is not persuaded", "has no doubt").
STANCE_PHRASES = (
    "believes",
    "believe",
    "believed",
    "thinks",
    "think",
    "thought",
    "doubts",
    "doubted",
    "fears",
    "feared",
    "worries",
    "worried",
    "disagrees",
    "disagreed",
    "agrees",
    "agreed that",
    "expects",
    "expect",
    "expected",
    "has no doubt",
    "have no doubt",
    "had no doubt",
    "is not persuaded",
    "are not persuaded",
    "was not persuaded",
    "is not convinced",
    "are not convinced",
    "was not convinced",
    "is convinced",
    "are convinced",
    "is sceptical",
    "is skeptical",
    "are sceptical",
    "are skeptical",
    "is doubtful",
    "is confident",
)
#: Auxiliaries and adverbs that may stand between a speaker and the verb ("has also said").
AUXILIARIES = frozenset(
    "has have had would will could may might also later then again previously repeatedly privately "
    "publicly recently earlier once separately further similarly still even already often has since "
    "last week long always usually sometimes frequently consistently widely".split()
)
#: Words after which a verb of speech is not a tag: a passive ("were told"), an infinitive
#: ("declined to say"), a relative clause ("the woman who said it").
NOT_A_TAG_BEFORE = frozenset("to be is are was were been being who which that whom not never".split())
#: Titles and ranks before a name, folded and without their full stop ("Navy Adm." → navy, adm).
TITLES = frozenset(
    "mayor president navy army air adm gen general dr mr mrs ms miss mx sir dame professor prof sen senator rep "
    "representative gov governor minister secretary director chief judge justice councilman councilwoman "
    "councillor officer captain capt col lt sgt deputy vice commissioner ambassador envoy chairman chairwoman "
    "chair sheriff inspector superintendent rev father sister brother lord lady prime foreign interior "
    "finance defence defense health water energy environment agriculture transport justice trade labour "
    "labor education state attorney marine corps coast guard cmdr lt. maj major king queen prince princess "
    "councilmember councilmembers alderman alderwoman assemblyman assemblywoman assemblymember trustee".split()
)
#: Honorifics that say whether "he" or "she" may refer to the person.
HONORIFIC_GENDER = {
    "mr": "he",
    "mrs": "she",
    "ms": "she",
    "miss": "she",
    "sir": "he",
    "dame": "she",
    "lord": "he",
    "lady": "she",
}
#: Nouns of people who may speak without being named ("a senior official", "one nurse").
PERSON_NOUNS = frozenset(
    "official officials member members driver drivers nurse nurses engineer engineers diplomat diplomats source "
    "sources spokesman spokeswoman spokesperson aide aides adviser advisers advisor officer officers worker "
    "workers resident residents employee employees executive executives lawmaker lawmakers legislator "
    "legislators analyst analysts expert experts economist economists negotiator negotiators farmer farmers "
    "teacher teachers doctor doctors parent parents person people man woman insider insiders staffer "
    "staffers investigator investigators manager managers director minister ministers critic critics "
    "activist activists supporter supporters observer observers witness witnesses soldier soldiers "
    "commander commanders agent agents owner owners student students voter voters leader leaders".split()
)
#: Plural nouns of groups whose view a sentence can rest on ("analysts say", "experts warn").
GROUP_NOUNS = frozenset(
    "officials analysts experts sources critics economists observers diplomats lawmakers legislators residents "
    "activists groups organizations organisations advocates scientists researchers authorities leaders "
    "unions farmers parents doctors nurses teachers workers residents historians investors".split()
)
#: Head nouns of bodies, documents and outlets that speak as institutions.
INSTITUTION_HEADS = frozenset(
    "ministry ministries department agency authority authorities commission committee council office "
    "government administration service services institute institution university college school district "
    "board court bank fund union federation association alliance chamber company corporation firm group "
    "report reports poll polls survey surveys study studies analysis review audit census statement "
    "newspaper paper magazine outlet broadcaster network station agency police army navy military "
    "force forces command pentagon parliament congress senate house embassy party organization "
    "organisation foundation center centre program programme bureau directorate secretariat tribunal".split()
)
#: Documents: "the report" may stand for the last report, poll, survey, study or analysis mentioned.
DOCUMENT_HEADS = frozenset("report poll survey study analysis review audit census statement".split())
#: Descriptions of an outlet that come before its name and are not part of it ("the newspaper El Sur").
OUTLET_DESCRIPTORS = frozenset(
    "newspaper daily weekly paper magazine outlet broadcaster network agency channel station website".split()
)
#: Words that make a capitalised phrase a place, body or thing rather than a person.
NOT_PERSON_WORDS = frozenset(
    "city county state fort hurricane storm saint states street avenue road river bay sea ocean island islands "
    "port harbor harbour mount lake university college school institute center centre academy hospital "
    "embassy ministry department agency office council court house senate congress parliament command army "
    "navy force forces guard police service association authority company corporation group bank party times "
    "post news press journal network initiative foundation fund program programme project committee commission "
    "union league war north south east west northern southern eastern western american national federal "
    "international united republic kingdom monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december district alliance chamber "
    "federation institution review report poll survey study accord treaty dam reservoir basin valley province "
    "region world".split()
)
#: Pronouns a tag may use for a speaker, and what each may refer to.
PRONOUNS = {"he": "he", "she": "she", "they": "they", "it": "it", "we": "they", "i": "i"}
#: Markers of an unnamed source.
ANONYMITY = re.compile(
    r"\b(?:condition of anonymity|not to be named|not be named|declined to be named|unnamed|anonymous"
    r"|not authori[sz]ed to (?:speak|comment)|speaking privately)\b",
    re.IGNORECASE,
)


def alternation(phrases: tuple[str, ...] | frozenset[str]) -> str:
    """A regular expression matching any of ``phrases`` as whole words, longest first."""
    ordered = sorted(phrases, key=len, reverse=True)
    return r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + r")\b"


#: Any verb of speech or stance, as whole words.
SPEECH = re.compile(alternation(SPEECH_VERBS))
STANCE = re.compile(alternation(STANCE_PHRASES))
