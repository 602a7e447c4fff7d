"""The article-level decision: conflict news or other news, with its evidence."""

from __future__ import annotations

import pytest

from sitrep.extraction.events.text import fold
from sitrep.extraction.events.union import Alternation
from sitrep.extraction.relevance import RelevanceGate, RelevanceModel
from sitrep_contracts import RelevanceLabel


@pytest.fixture(scope="module")
def gate() -> RelevanceGate:
    return RelevanceGate.load()


CONFLICT = [
    "On 4 May 2023, Russian forces shelled Ostrovka. Casualties unknown.",
    "Drones struck an oil depot overnight.",
    (
        "Militants ambushed an army convoy on the highway on Monday, killing four soldiers, "
        "the military said. The insurgents fled after a gun battle that lasted an hour. "
        "Security forces later launched an operation in the area and arrested two suspects."
    ),
    "A mass shooting at a nightclub in Ostrovka kills at least 20 people.",
    # a month is no cue, a siege is
    "The death toll from the March 27 hotel siege in Ostrovka rises to 20.",
]
OTHER = [
    (
        "Health officials confirmed a new outbreak of the virus on Monday. Seven patients "
        "have died in hospital and 40 cases are under observation. The vaccine campaign "
        "will be extended, and doctors urged people with symptoms to stay home."
    ),
    (
        "The striker scored twice as the home team won the championship final. The coach "
        "said his players fought a hard battle in the second half, and the fans celebrated "
        "the victory in the stadium until late at night."
    ),
    (
        "Shares fell sharply as investors reacted to weak quarterly earnings. The company "
        "said revenue dropped and it would cut prices to win back customers, in what "
        "analysts called an attack on its rivals' market share."
    ),
]


#: Full reports of sport, film, computers and parliament told in the words of war: each
#: was conflict news to the gate before it knew these genres' own words.
OTHER_GENRES_IN_WAR_WORDS = [
    (
        "County stormed into the semi-final after a fierce battle at the Riverside ground "
        "on Saturday. The visitors attacked from the first whistle and their forward fired "
        "two shots at the keeper, who defended like soldiers at the back. 'We went to war "
        "out there,' said the manager. The referee sent off a defender for a clash of heads "
        "before half-time, and the army of away fans stayed long after the final whistle. "
        "The result ends a run of fixtures that killed their momentum, and puts the club "
        "back in the title race, three points off the top, with relegation now out of sight. "
        "An injury to the captain, hit in the face by a stray ball, is the only worry. "
        "The side has been unbeaten since the autumn and plays for the trophy next month."
    ),
    (
        "The war epic Iron Valley took the top spot at cinemas this weekend. The film follows "
        "a tank crew behind enemy lines, and audiences have praised its battle scenes, shot "
        "with hundreds of extras, soldiers' uniforms and artillery borrowed from a museum. "
        "Its star, who plays a wounded gunner in the opening attack, trained with the army "
        "for a month. Critics called it the best war drama in years, ahead of an animated "
        "comedy and a thriller. A sequel is planned, and a tv series based on the novel "
        "that inspired the film will follow. The director said the shooting was exhausting."
    ),
    (
        "A computer worm has hit thousands of machines in an attack that experts called "
        "one of the largest this year. The malware hijacks computers and uses them to "
        "bombard websites with spam, and anti-virus firms said the attackers targeted "
        "users of an old operating system. Police arrested a suspect. Meanwhile, the "
        "battle between the makers of games consoles heats up: the best-selling video game "
        "has players lead soldiers with rifles and grenades against enemy tanks, and gamers "
        "have bought broadband and mobile phone bundles to play it."
    ),
    (
        "The prime minister came under fire in the Commons as opposition MPs attacked "
        "plans for identity cards, calling them an assault on civil liberties. The home "
        "secretary said the legislation would help police fight terrorism and organised "
        "crime. Forty backbenchers rebelled, cutting the majority, and peers in the House "
        "of Lords vowed to fight the bill. The Tories said they would scrap it in their "
        "manifesto for the general election, while the Labour party said the war in Iraq "
        "was not the issue voters raised on the doorstep."
    ),
    (
        "The opposition launched its election campaign on Monday, promising more police on "
        "the streets. Its leader attacked the government's record on crime and told "
        "activists at a rally that they would fight for every vote. Ministers hit back, "
        "and the Liberal Democrats, who opposed the war, said they were the real opposition. "
        "Opinion polls point to a third term for the government, and strategists say the "
        "battle will be won or lost in a hundred marginal seats. Postal votes open in April."
    ),
    (
        "A novel about a family torn apart by a civil war has won the country's richest "
        "literary prize. The book follows three generations from the fighting of the 1930s "
        "to the dictator's death, and its author spent ten years reading letters from "
        "soldiers on both sides and interviewing survivors of the violence. 'My grandfather "
        "was shot by troops in 1937,' she said. The shortlist included a thriller, and the "
        "novelist's last book was a bestseller."
    ),
    (
        "Veterans gathered on Sunday to mark the 60th anniversary of the end of the war. "
        "A wreath was laid at the cenotaph and a two-minute silence held for those killed in "
        "the fighting, as a wartime bomber flew overhead. One former soldier said half his "
        "platoon had been wiped out in a week. 'We were just boys,' he said. Services of "
        "remembrance were held in five countries, and the commemorations ended with a "
        "concert of wartime songs at the memorial."
    ),
]


@pytest.mark.parametrize("text", OTHER_GENRES_IN_WAR_WORDS)
def test_other_genres_told_in_war_words_are_not_conflict(gate: RelevanceGate, text: str) -> None:
    assert gate.decide(text).label is RelevanceLabel.NOT_CONFLICT


@pytest.mark.parametrize("text", CONFLICT)
def test_conflict_news_is_conflict(gate: RelevanceGate, text: str) -> None:
    assert gate.decide(text).label is RelevanceLabel.CONFLICT


@pytest.mark.parametrize("text", OTHER)
def test_other_news_is_not_conflict(gate: RelevanceGate, text: str) -> None:
    assert gate.decide(text).label is RelevanceLabel.NOT_CONFLICT


def test_evidence_spans_point_at_the_deciding_cues(gate: RelevanceGate) -> None:
    text = CONFLICT[2]
    decision = gate.decide(text)
    assert decision.evidence
    for span in decision.evidence:
        assert text[span.start : span.end] == span.text
    assert {s.text.lower() for s in decision.evidence} & {"militants", "insurgents", "gun battle"}


def test_a_repeated_word_counts_once(gate: RelevanceGate) -> None:
    text = "He suffered a heart attack. The attack came at night. Another attack followed. " * 3
    assert gate.decide(text).label is RelevanceLabel.NOT_CONFLICT


def test_the_model_is_consulted_for_full_articles_and_recorded(gate: RelevanceGate) -> None:
    decision = gate.decide(CONFLICT[2])
    assert decision.model_probability is not None


def test_a_one_line_note_is_judged_by_its_cues(gate: RelevanceGate) -> None:
    decision = gate.decide("Drones struck an oil depot overnight.")
    assert decision.label is RelevanceLabel.CONFLICT
    assert decision.model_probability is None


def test_ordinary_crime_in_a_local_paper_is_not_conflict(gate: RelevanceGate) -> None:
    text = (
        "A man was arrested on Tuesday after a fight outside a bar left one patron injured, "
        "police said. Officers were called to the bar on Main Street shortly after midnight "
        "and found a 34-year-old man with cuts to his face. The suspect, a 29-year-old "
        "local resident, was charged with assault and held on bail at the county jail. "
        "The bar's owner said the two men had argued over a game of pool earlier in the "
        "evening, and that staff had asked them to leave before the fight broke out. "
        "The injured man was treated at a hospital and released the same night. Police "
        "are asking anyone who saw the fight to call the department's tip line."
    )
    assert gate.decide(text).label is RelevanceLabel.NOT_CONFLICT


def test_cartel_violence_told_as_police_news_is_conflict(gate: RelevanceGate) -> None:
    text = (
        "It was shortly after 9 a.m. on Tuesday when the call reached the emergency line. "
        "Municipal police officers arrived at the corner of the boulevard and the avenue "
        "near the old market, and confirmed the report. A bag left under the bridge held "
        "the severed head of a man. It was accompanied by a cardboard sign addressed to a "
        "rival group that operates in the eastern neighborhoods. What the message said has "
        "not been made public. On Sunday night, a sheet with a handwritten text had been "
        "hung from the same bridge. It warned that anyone who sold in the area without "
        "permission would pay for it. Residents said patrols had become rare in recent "
        "weeks. The state prosecutor's office opened an investigation and asked anyone "
        "with information to come forward. So far this month the city has recorded 41 "
        "intentional homicides, according to the municipal security office, which said it "
        "would increase patrols in the neighborhoods near the bridge over the weekend."
    )
    assert gate.decide(text).label is RelevanceLabel.CONFLICT


#: Reviews of a war film and of a series' finale told with real soldiers' kit, and a raid
#: on a jeweller's: each passed the gate before it knew the words of reviews, plots and
#: local police news.
REVIEWS_AND_POLICE_NEWS = [
    (
        "Critics were divided after the premiere of Red Valley, a war film its studio hopes "
        "will win prizes next spring. In the film, a platoon of marines is ambushed on a "
        "jungle trail in 1968. Two men are killed in the first volley, the radio operator "
        "is wounded, and the survivors call in an air strike while gunships rake the tree "
        "line. Later the platoon burns a village it suspects of hiding guerrillas. Its "
        "director spent three years on the script and interviewed forty veterans. The film "
        "cost 120 million dollars, was shot abroad and opens in 3,000 cinemas in June. "
        "Reviewers praised the lead actor, played by a former comedian, but found the "
        "final battle overlong."
    ),
    (
        "The fantasy drama's finale drew millions of viewers on Sunday night. In the season "
        "finale, the rebel army storms the capital, the palace guards are slaughtered and "
        "the young queen is assassinated by her own general. A petition calling for the "
        "last season to be remade had 200,000 signatures by Monday, and the writers "
        "defended the ending. A prequel is in production."
    ),
    (
        "Police are appealing for witnesses after a jewellery shop in the town centre was "
        "raided by a gang on scooters on Friday. Three men in helmets smashed the window with "
        "hammers and grabbed watches worth 200,000 pounds before riding off. The scooters were "
        "later found burned out in a lane nearby."
    ),
]


@pytest.mark.parametrize("text", REVIEWS_AND_POLICE_NEWS)
def test_reviews_and_police_news_in_war_words_are_not_conflict(
    gate: RelevanceGate, text: str
) -> None:
    assert gate.decide(text).label is RelevanceLabel.NOT_CONFLICT


def test_the_month_of_march_is_no_march(gate: RelevanceGate) -> None:
    dated = "The novel has sold 40,000 copies since March; the film rights went on 12 March 2023."
    plain = dated.replace("since March", "since May").replace("12 March", "12 May")
    assert gate.decide(dated).conflict_weight == gate.decide(plain).conflict_weight
    # a march is still one
    assert gate.decide("Thousands joined the march to parliament on Monday.").conflict_weight > 0


#: A concert review and a television thriller's review: they passed the gate before it knew
#: the words of the stage (setlist, encore, frontman) and of the schedules (episodes,
#: iPlayer, box set) (round 6 of issue #11).
STAGE_AND_SCREEN = [
    (
        "The four-piece from Leeds stormed the arena on Friday night like an invading "
        "army, opening with their hit War Drums as flares burst behind the stage and "
        "cannons fired confetti over the crowd. The frontman, in a combat jacket, roared "
        "through a setlist heavy on the new album, and the drummer kept up a barrage for "
        "two hours. A ballad for the singer's grandfather, a veteran of the fighting in "
        "Korea, was the one quiet moment. They came back for an encore of their first "
        "single, and the guitarist crowd-surfed to the back of the hall. The tour moves "
        "to Glasgow on Sunday, with extra dates added in Dublin and Cardiff after the "
        "first gigs sold out."
    ),
    (
        "A hostage siege at a London bank is the spine of the new thriller from the "
        "writers of Night Watch. Armed police surround the building, a negotiator talks "
        "to the gunmen for six hours, and snipers wait on the roof across the street. "
        "The first episode ends with a shot fired inside the vault. It is tense, well "
        "acted and far too long: all six episodes are on iPlayer from Sunday, and a box "
        "set follows in the spring. Netflix has bought the rights for America."
    ),
]


@pytest.mark.parametrize("text", STAGE_AND_SCREEN)
def test_the_stage_and_the_schedules_in_war_words_are_not_conflict(
    gate: RelevanceGate, text: str
) -> None:
    assert gate.decide(text).label is RelevanceLabel.NOT_CONFLICT


#: A full business report whose lead is about results, with a war told in one paragraph.
WAR_IN_PASSING = (
    "Shares in Halden Freight rose 5 per cent yesterday after the haulier reported record "
    "half-year profits and raised its dividend.\n\n"
    "Revenue climbed to £410 million, helped by new contracts with two supermarket chains "
    "and a recovery in trade across the Channel. Chief executive Moira Kettle said the "
    "group had added 300 lorries and would open a depot near Felixstowe in the spring.\n\n"
    "The only weak spot was the Middle East, where the company runs a small fleet out of "
    "Dubai. Fighting in the north of Iraq, where militants ambushed a convoy of soldiers "
    "and insurgents have attacked several lorries on the road to Mosul this year, has "
    "forced it to suspend deliveries across the border, and drivers there are paid "
    "danger money.\n\n"
    "Analysts said the results were ahead of forecasts and raised their targets. The "
    "interim dividend rises to 3.1p, and the group said it expected the full year to be "
    "in line with market expectations, helped by a weaker pound. It will report again in "
    "March, when it expects to name a new finance director."
)
#: The same war as the lead of a report, with the market and the company told after it.
WAR_IN_THE_LEAD = (
    "Militants ambushed an army convoy near Mosul on Tuesday, killing six soldiers and "
    "wounding nine, the military said.\n\n"
    "The insurgents opened fire with rifles and rocket-propelled grenades as the lorries "
    "slowed at a checkpoint, and a gun battle lasted more than an hour before troops "
    "called in air strikes on the village where the attackers had taken cover. Two of "
    "the wounded were taken to hospital in Erbil.\n\n"
    "Local officials said the road, which carries most of the trade between the city and "
    "the border, had been closed and that shops in the market stayed shut. Security "
    "forces later arrested four suspects in a raid on a farm. The attack was the third "
    "on the road this month, and shares in the region's main haulier fell after the "
    "company said it would suspend its deliveries until the army could guarantee the "
    "drivers' safety. Residents said they had heard the gunfire from the town's centre."
)


def test_a_war_told_in_passing_after_another_lead_is_not_conflict(gate: RelevanceGate) -> None:
    decision = gate.decide(WAR_IN_PASSING)
    # the lexicon and the model alone would call it conflict: its lead decides
    assert decision.conflict_weight >= 4.5
    assert decision.score >= 0.5
    assert decision.model_probability is not None
    assert decision.model_probability >= RelevanceModel.load().threshold
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_a_war_in_the_lead_stays_conflict_news_whatever_follows(gate: RelevanceGate) -> None:
    assert gate.decide(WAR_IN_THE_LEAD).label is RelevanceLabel.CONFLICT


#: A politics report whose lead names no cue at all, with a disturbance told in one sentence.
PROTEST_IN_ONE_SENTENCE = (
    "The Home Secretary, Daniel Ashcombe, announced yesterday that the government would "
    "open three new reception centres for people seeking asylum, in Kent, Lincolnshire "
    "and County Durham, and close the hotels now used to house them by next summer.\n\n"
    "Mr Ashcombe told the Commons that the centres would hold up to 1,500 people each and "
    "would cost less than the hotels, which he said had become a burden on councils and "
    "on the taxpayer. Claims would be decided within six months, he said, and those "
    "refused would be removed more quickly.\n\n"
    "Refugee charities said the plans would leave vulnerable people in remote places, far "
    "from lawyers and from the communities that support them. Outside one hotel in "
    "Rotherham last month, police arrested eleven protesters after a crowd threw stones "
    "at the windows.\n\n"
    "Councils in the three areas said they had not been consulted. The leader of "
    "Lincolnshire County Council said the roads near the site could not cope, and a "
    "local MP promised to fight the plan. The first centre is due to open in April, and "
    "the Home Office said it would publish the full costs in the new year."
)


def test_a_disturbance_told_in_one_sentence_of_a_full_report_is_not_conflict(
    gate: RelevanceGate,
) -> None:
    decision = gate.decide(PROTEST_IN_ONE_SENTENCE)
    # the lexicon and the model alone would call it conflict, and its lead is silent
    assert decision.conflict_weight >= 4.5
    assert decision.score >= 0.5
    assert decision.model_probability is not None
    assert decision.model_probability >= RelevanceModel.load().threshold
    assert all(e.start > PROTEST_IN_ONE_SENTENCE.index("\n") for e in decision.evidence)
    assert decision.label is RelevanceLabel.NOT_CONFLICT


#: An opinion column on a war, with its attacks and its dead, as the body of an article.
COLUMN_ON_A_WAR = (
    "Leaving Mali was the right call. Forgetting it is not.\n\n"
    "When the last French soldiers flew out of Gao last summer, ministers in Paris spoke "
    "of a mission accomplished. Nobody in the Sahel believed them, and the past year has "
    "shown why. Jihadist groups linked to al-Qaeda and the Islamic State now move freely "
    "across the border areas of Mali, Burkina Faso and Niger, and the juntas that replaced "
    "elected governments in all three have turned to Russian mercenaries instead.\n\n"
    "The toll has been grim. Attacks on villages in central Mali killed hundreds of "
    "civilians last year, and militants have besieged towns in the north for months at a "
    "time. In Burkina Faso, about two million people have fled their homes.\n\n"
    "I do not argue that France should send its troops back. A decade of operations did "
    "not defeat the insurgency, and it cost the lives of 58 French soldiers. But Europe "
    "cannot simply look away. It should fund the aid agencies that still work in the "
    "region, open its doors to those who flee, and keep talking to governments it does "
    "not like, because the alternative is to leave the field to those who will.\n\n"
    "The Sahel is not far away. Its crisis will reach our shores whether we pay attention "
    "or not. We would do better to pay attention now.\n\n"
    "Claire Moreau is a former diplomat who served in Bamako and Niamey."
)


@pytest.mark.parametrize("kicker", ["Opinion", "COMMENT", "Books | Review", "Obituary"])
def test_an_article_under_another_sections_kicker_is_not_conflict(
    gate: RelevanceGate, kicker: str
) -> None:
    assert gate.decide(COLUMN_ON_A_WAR).label is RelevanceLabel.CONFLICT
    decision = gate.decide(f"{kicker}\n\n{COLUMN_ON_A_WAR}")
    assert decision.label is RelevanceLabel.NOT_CONFLICT
    assert decision.evidence[0].text == kicker


@pytest.mark.parametrize(
    "first_line", ["World", "Opinion polls close in Bamako", "Analysis", "Comment: Mali"]
)
def test_a_first_line_that_is_no_other_sections_kicker_decides_nothing(
    gate: RelevanceGate, first_line: str
) -> None:
    assert gate.decide(f"{first_line}\n\n{COLUMN_ON_A_WAR}").label is RelevanceLabel.CONFLICT


#: A parliament's vote whose one paragraph of war names a non-state armed group.
NAMED_GROUP_IN_PASSING = (
    "MPs in the House of Commons gave a second reading on Tuesday to a bill that would "
    "double Britain's aid to the countries around Lake Chad over the next five years.\n\n"
    "The development minister, Helen Ashby, told the House that Boko Haram fighters had "
    "killed thousands of civilians in the region and driven two million people from "
    "their homes, many of whom still lived in camps.\n\n"
    "The money would pay for schools, clinics and wells in the towns they had "
    "returned to, and for programmes that help former fighters return to their villages. "
    "Ashby said the aid would be checked by independent monitors.\n\n"
    "The shadow minister said her party would support the bill but wanted ministers to "
    "say how much would go through the United Nations. Several members asked whether the "
    "money could reach towns that were still cut off.\n\n"
    "The bill passed by 312 votes to 41 and now goes to a committee of MPs, which will "
    "examine it line by line before it returns to the chamber in the spring."
)


def test_a_war_told_in_passing_is_not_conflict_though_it_names_an_armed_group(
    gate: RelevanceGate,
) -> None:
    decision = gate.decide(NAMED_GROUP_IN_PASSING)
    assert decision.conflict_weight >= 4.5
    assert decision.score >= 0.5
    # the group's name no longer spares the model's doubt a full article's lead
    assert decision.model_probability is not None
    assert decision.label is RelevanceLabel.NOT_CONFLICT
    # the same war in the lead is conflict news
    lead = "Boko Haram fighters killed twelve villagers near Maiduguri on Monday.\n\n"
    assert gate.decide(lead + NAMED_GROUP_IN_PASSING).label is RelevanceLabel.CONFLICT


#: Sanctions announced over a war, the war their reason, told in a paragraph.
SANCTIONS_OVER_A_WAR = (
    "Canada on Wednesday imposed sanctions on three commanders of a militia in the east "
    "of Congo and on a mining company in Kigali, accusing them of profiting from the "
    "war.\n\n"
    "The foreign ministry said the commanders had overseen attacks on villages in North "
    "Kivu in which civilians were killed, and that the company had bought tin and gold "
    "from mines the militia controls. Their assets in Canada are frozen and they may not "
    "enter the country.\n\n"
    "The company said it had done nothing wrong and that it bought only from certified "
    "mines. Rights groups welcomed the step but said the real money was in Dubai and "
    "Hong Kong, where the minerals are sold on.\n\n"
    "The measures follow similar steps by the United States and the European Union "
    "earlier this year. Officials said Canada was also giving 15 million dollars in aid "
    "to families who had fled the fighting and would support talks between the "
    "governments of the region. The foreign minister is due to visit Nairobi next month "
    "for a meeting on the crisis, the ministry said, and will travel on to Kinshasa."
)


def test_sanctions_announced_over_a_war_are_not_conflict_news(gate: RelevanceGate) -> None:
    decision = gate.decide(SANCTIONS_OVER_A_WAR)
    assert decision.conflict_weight >= 4.5
    assert decision.model_probability is not None
    assert decision.model_probability >= RelevanceModel.load().threshold
    assert decision.label is RelevanceLabel.NOT_CONFLICT


#: An editorial on an attack, in the newspaper's own voice, with no section kicker.
EDITORIAL_ON_AN_ATTACK = (
    "Ten days after the bombing at the bus station in Quetta, the questions are piling "
    "up faster than the answers.\n\n"
    "A man with explosives walked into the waiting hall on a Friday evening, among "
    "families going home for the holiday. Thirty-one people were killed and dozens were "
    "wounded.\n\n"
    "We do not believe that anyone could have prevented every such crime. But the "
    "station had been named in a warning passed to the provincial government two weeks "
    "earlier, and the gate at its entrance was unstaffed that evening. Those are "
    "failures of organisation, not of courage.\n\n"
    "In our view the federal government should open an independent inquiry, with the "
    "power to call officials and publish its findings, rather than leave the matter to "
    "the same agencies whose failures it would examine. The families deserve to know "
    "what went wrong, and the public deserves to know what will change.\n\n"
    "We also urge the provincial government to pay the compensation it promised without "
    "the delays that followed earlier tragedies, when some families waited years for "
    "help with funerals and medical bills. Grief should not come with paperwork, and a "
    "government that cannot keep a promise to the bereaved will struggle to keep any "
    "other."
)


def test_an_article_in_an_editorials_own_voice_is_not_conflict(gate: RelevanceGate) -> None:
    decision = gate.decide(EDITORIAL_ON_AN_ATTACK)
    assert decision.conflict_weight >= 4.5
    assert decision.model_probability is not None
    assert decision.model_probability >= RelevanceModel.load().threshold
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_the_editorial_phrases_are_found_from_their_words(gate: RelevanceGate) -> None:
    """Speed only: the phrases are a rule union tried where they start, not a regex tried
    at every place, with the same matches."""
    voice = gate._voice
    assert isinstance(voice, Alternation) and voice._fast
    folded = fold(EDITORIAL_ON_AN_ATTACK)
    assert len(voice.finditer(folded)) == 2  # "we do not believe", "in our view"
    assert [m.span() for m in voice.finditer(folded)] == [
        m.span() for m in voice.pattern.finditer(folded)
    ]


def test_the_same_words_in_a_speakers_quotation_decide_nothing(gate: RelevanceGate) -> None:
    quoted = (
        EDITORIAL_ON_AN_ATTACK.replace("We do not believe that", '"We do not believe that')
        .replace("of courage.\n", 'of courage," the minister said.\n')
        .replace("In our view the federal", '"In our view the federal')
        .replace("will change.\n", 'will change," he added.\n')
    )
    assert gate.decide(quoted).label is RelevanceLabel.CONFLICT


#: A visit whose lead is the visit, with an attack of months ago in a speaker's words.
VISIT_WITH_A_RECALLED_ATTACK = (
    "Ghana's president began a three-day state visit to Nigeria on Monday and pledged "
    "troops and money for a regional force against armed groups in the Sahel.\n\n"
    "The two governments signed agreements on gas, visas and university exchanges. "
    "Nigerian companies already employ about 40,000 people in Ghana, most of them in "
    "banking, cement and telecoms.\n\n"
    "At a lunch with business leaders in Abuja, the president spoke of his country's "
    "north, where he said gunmen had burned a customs post and killed two officers in an "
    "ambush in January, and said the region's armies must share what they know. "
    "Officials later said more soldiers would stay on the border until the end of the "
    "year.\n\n"
    "Trade between the two countries reached 1.4 billion dollars last year. The "
    "president will visit a refinery near Lagos on Tuesday and address the Senate on "
    "Wednesday before flying on to Lome, where he is due to meet the Togolese president "
    "and open a trade fair."
)
#: A report's launch whose lead is the report, with the dead it counts.
REPORT_LAUNCH_WITH_A_RECALLED_ATTACK = (
    "Attacks on health workers in war zones rose by a fifth last year, a coalition of "
    "medical charities said on Tuesday as it released its annual report in Geneva.\n\n"
    "The report counts more than 1,900 incidents in 30 countries in which clinics were "
    "shelled, ambulances stopped at checkpoints or staff arrested, abducted or killed. "
    "Sudan, Ukraine and Myanmar had the most.\n\n"
    "Its authors describe a hospital in Darfur that armed men raided in the autumn, "
    "killing a nurse and two patients, and a maternity ward in Kherson hit by rockets. "
    "They call on governments to prosecute those who attack hospitals and on donors to "
    "pay for shelters and armoured ambulances.\n\n"
    "The coalition, which brings together 40 charities, said it had changed how it "
    "counts incidents this year, so that figures for earlier years are not directly "
    "comparable. Its report will be presented to the World Health Assembly in May, and "
    "its data can be downloaded from the coalition's website for researchers and "
    "journalists who want to study it."
)


@pytest.mark.parametrize(
    "text", [VISIT_WITH_A_RECALLED_ATTACK, REPORT_LAUNCH_WITH_A_RECALLED_ATTACK]
)
def test_an_attack_recalled_in_news_of_a_visit_or_a_report_is_not_conflict(
    gate: RelevanceGate, text: str
) -> None:
    decision = gate.decide(text)
    assert decision.conflict_weight >= 4.5
    assert decision.score >= 0.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_an_attack_an_official_reports_on_a_visit_stays_conflict_news(
    gate: RelevanceGate,
) -> None:
    """The same visit, its lead today's attack as an official tells it: conflict news."""
    lead = (
        "Gunmen killed 12 villagers in an attack on a market near Zamfara on Sunday, the "
        "governor said during a visit to the village.\n\n"
    )
    assert gate.decide(lead + VISIT_WITH_A_RECALLED_ATTACK).label is RelevanceLabel.CONFLICT


#: Accidents abroad with their tolls, told in a wire's words: a crush at a venue, a boat
#: that overturned.
ACCIDENTS_WITH_TOLLS = (
    (
        "KAMPALA - At least 19 people were killed and dozens injured in a stampede at a "
        "stadium in the Ugandan capital on Sunday, when crowds surged towards the gates "
        "at the end of an open-air prayer meeting, police said.\n\n"
        "Witnesses said the gates had been locked and that people at the back kept pushing "
        "forward as others fell. Most of the dead were young women and children, a police "
        "spokesman said. Ambulances took the injured to Mulago, where relatives gathered "
        "through the night.\n\n"
        "The organisers, a church group, said about 30,000 people had come to the event, "
        "twice the number the stadium is meant to hold. Police said two of the organisers "
        "had been arrested and would be questioned about the number of tickets sold.\n\n"
        "The president sent condolences to the families and ordered an inquiry into safety "
        "at the stadium, which was built in the 1950s. Critics said the city had too few "
        "exits at its big venues and that stewards were poorly trained."
    ),
    (
        "KINSHASA - A boat carrying about 200 traders capsized on Lake Mai-Ndombe late on "
        "Friday, killing at least 54 people, local officials said on Saturday.\n\n"
        "The wooden boat was heading to a market town with sacks of maize and cassava when "
        "it was hit by high waves, survivors said. Most passengers could not swim, and the "
        "boat carried no life jackets. Fishermen pulled about 60 people from the water.\n\n"
        "The provincial governor declared two days of mourning and said the boat's owner "
        "had been detained. Officials said it had been licensed to carry 80 people.\n\n"
        "Accidents on the country's rivers and lakes kill hundreds of people each year, as "
        "boats are often overloaded and sail at night. The transport ministry has promised "
        "to inspect boats and to punish owners who ignore the rules, but few inspectors "
        "work outside the main ports."
    ),
)


@pytest.mark.parametrize("text", ACCIDENTS_WITH_TOLLS)
def test_an_accident_with_its_toll_is_not_conflict(gate: RelevanceGate, text: str) -> None:
    decision = gate.decide(text)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_a_stampede_an_attack_caused_stays_conflict_news(gate: RelevanceGate) -> None:
    text = (
        "Gunmen opened fire on worshippers leaving a church in the town of Ikire on "
        "Sunday, killing nine people and causing a stampede in which dozens more were "
        "hurt, police said.\n\n"
        "Witnesses said the attackers arrived on motorcycles and fired into the crowd for "
        "about ten minutes before fleeing into the bush. Soldiers were deployed to the "
        "town and a curfew was imposed. No group said it carried out the attack, but armed "
        "gangs have kidnapped and killed villagers in the area for months.\n\n"
        "The state governor condemned the killings and promised to hunt down the gunmen. "
        "Residents said security forces had been warned about the gang's movements a week "
        "earlier. Three of the wounded were in a serious condition in hospital. The army "
        "said its troops were searching nearby forests and had arrested two suspects.\n\n"
        "Attacks by armed groups have displaced tens of thousands of people in the region "
        "this year."
    )
    assert gate.decide(text).label is RelevanceLabel.CONFLICT


#: A crowd's accident whose last lines send police and forces to the next day's crowd.
STAMPEDE_AT_A_FAIR = (
    "Four pilgrims, among them an elderly man, died and more than 30 were injured in a "
    "stampede at a hilltop shrine near Harigarh on Saturday night.\n\n"
    "Crowds had gathered since dawn for the last day of the yearly fair, and the rush "
    "began when the doors of the inner hall opened after the evening prayers. Several "
    "people lost their footing on a steep ramp and others fell on top of them.\n\n"
    "Volunteers and police carried the injured down the hill to waiting ambulances. Nine "
    "of them are in a serious condition at the district hospital, officials said.\n\n"
    "The state government announced compensation for the families of the dead and ordered "
    "an inquiry into the arrangements. Local leaders said the shrine's trust had printed "
    "twice as many passes as the site could hold.\n\n"
    "More forces have been deployed for the closing procession on Sunday, and vehicles "
    "will not be allowed within two kilometres of the hill. The trust said the fair would "
    "end early this year."
)


def test_a_stampede_is_other_news_though_forces_are_deployed(gate: RelevanceGate) -> None:
    decision = gate.decide(STAMPEDE_AT_A_FAIR)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_a_stampede_that_tear_gas_set_off_at_a_protest_stays_conflict_news(
    gate: RelevanceGate,
) -> None:
    lead = (
        "Police fired tear gas at thousands of protesters outside the governor's office in "
        "Harigarh on Monday, causing a stampede in which three people died.\n\n"
    )
    assert gate.decide(lead + STAMPEDE_AT_A_FAIR).label is RelevanceLabel.CONFLICT


#: An animal's attack told with the police, drones and attacks of a beach's safety.
SHARK_AT_A_SURF_BEACH = (
    "A swimmer has died after being attacked by a shark off a beach north of Port Calder, "
    "police said on Sunday.\n\n"
    "The woman, 52, was swimming with friends about 60 metres from shore at about 7am when "
    "the shark bit her on the arm. Lifeguards brought her back on a rescue board, but she "
    "died on the sand despite their efforts.\n\n"
    "Beaches along ten kilometres of coast were closed, and fisheries officers set baited "
    "lines. A helicopter and drones searched the water through the day and spotted a "
    "large shark near a reef in the afternoon.\n\n"
    "The state government said it would review its programme of tagging, listening "
    "stations and subsidies for personal deterrents. It is the second fatal attack in the "
    "region in three years; marine scientists say such attacks remain very rare.\n\n"
    "Swimmers and surfers will gather on the beach on Monday morning to remember her, and "
    "the local surf club has lowered its flag."
)


def test_an_animals_attack_is_other_news(gate: RelevanceGate) -> None:
    decision = gate.decide(SHARK_AT_A_SURF_BEACH)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_rangers_shot_by_poachers_stay_conflict_news(gate: RelevanceGate) -> None:
    lead = (
        "Armed poachers shot dead two wildlife rangers and wounded a third in an ambush near "
        "Port Calder on Saturday, park officials said.\n\n"
    )
    assert gate.decide(lead + SHARK_AT_A_SURF_BEACH).label is RelevanceLabel.CONFLICT


#: The defence desk's own news, no incident: orders, a fair, an exercise, a test, a
#: parade, a wartime bomb made safe, each led by its own words.
DEFENCE_DESK_NEWS = (
    (
        "The defence ministry has signed a munitions contract worth 900 million euros for "
        "mortar rounds, anti-tank rockets and small reconnaissance drones, to be delivered "
        "to the army over four years.\n\n"
        "Most of the rounds will be made at a plant outside Tarnowo, which will hire about "
        "400 workers and run three shifts. The drones come from a young company in the "
        "capital that has so far sold mostly to farmers and surveyors.\n\n"
        "Officials said stocks of ammunition had fallen below the level the alliance asks "
        "of its members, and that the soldiers' training had been cut for lack of rounds. "
        "The deal includes spare parts, simulators and training for the crews.\n\n"
        "Opposition deputies said the ministry had paid too much and asked the audit office "
        "to look at the tender. The minister said the price was fair and that the first "
        "deliveries would reach the troops before the winter, with more orders expected "
        "next year for artillery and for armoured vehicles."
    ),
    (
        "Tanks, armed drones and a truck-mounted rocket launcher drew the crowds on the "
        "opening day of the country's biggest arms fair, where 800 exhibitors from 40 "
        "countries have taken stands in the halls by the river.\n\n"
        "Delegations of officers from across the region toured the stands, and the "
        "organisers said contracts for ammunition, patrol boats and radars would be "
        "signed during the week. A firm from the north showed an armoured vehicle it said "
        "could carry eight soldiers and a machine gun turret.\n\n"
        "In the demonstration area, helicopters flew low over the visitors and special "
        "forces soldiers stormed a mock building with blank rounds and smoke. Children "
        "climbed onto a tank for photographs.\n\n"
        "Campaigners criticised the event, saying weapons sold there end up in the wars of "
        "the region. The organisers said every sale needed an export licence. The fair "
        "closes on Sunday with a flypast by the air force. Entry costs 20 euros a day, and "
        "the public may visit on the last two days, when a concert is held in the park by "
        "the halls."
    ),
    (
        "About 6,000 troops from seven countries began two weeks of live firing on the "
        "plains east of Varnholm on Monday, with tanks, artillery and attack helicopters "
        "on the ranges from dawn until late at night.\n\n"
        "The scenario has the defenders hold a river line against a stronger enemy and "
        "then counter-attack to retake a bridge, the commander said. Soldiers will dig "
        "trenches, lay dummy mines and clear villages built of shipping containers.\n\n"
        "Residents were warned of loud bangs and of convoys of armoured vehicles on the "
        "roads, and farmers were paid to let units cross their fields. Drones will fly in "
        "closed airspace over the area.\n\n"
        "The neighbouring government called the manoeuvres a provocation. The defence "
        "minister said they threatened no one and were planned a year ago. The troops will "
        "end with a parade through the town square on the last Saturday, and the army "
        "will hold an open day for families at the barracks."
    ),
    (
        "The army test-fired a new ballistic missile from a launcher on the southern coast "
        "on Thursday, sending it about 1,500 kilometres out over the ocean, where it fell "
        "into a designated area of the sea, the defence ministry said.\n\n"
        "Officials said the missile, which uses solid fuel, carried a dummy warhead and "
        "hit its splash zone within a few metres. Ships and aircraft had been warned to "
        "stay out of the area for the day. The military released a video of the launch "
        "in a cloud of smoke.\n\n"
        "The rival government across the border condemned the launch as a threat to "
        "regional peace and said its forces were on alert. Analysts said the weapon could "
        "reach most of the region's capitals and that another launch was likely within "
        "months.\n\n"
        "The prime minister congratulated the scientists and the soldiers who took part, "
        "and said the country would never use its missiles first. The launch was the third "
        "this year, and the ministry said the missile would enter service with the army "
        "after two more flights."
    ),
    (
        "Hundreds of residents were evacuated from their homes in Aldbury on Wednesday "
        "after builders found a Second World War bomb while digging the foundations of "
        "a new supermarket.\n\n"
        "Army bomb disposal experts set up a 400-metre cordon and police closed the main "
        "road and the railway station. Pupils at two schools were sent home early, and "
        "people waited in the town's leisure centre for news.\n\n"
        "The device, a 250kg bomb dropped in a raid on the town's factories in 1941, was "
        "taken by lorry to a quarry outside the town, where soldiers detonated it in a "
        "controlled explosion in the evening. The blast could be heard several miles "
        "away.\n\n"
        "The council leader thanked residents for their patience. Historians said the town "
        "was bombed more than 30 times during the war and that unexploded bombs still turn "
        "up on building sites every few years. Residents were allowed home after 9pm, and "
        "the supermarket's builders said work would start again on Thursday morning, a "
        "day later than planned."
    ),
)


@pytest.mark.parametrize("text", DEFENCE_DESK_NEWS)
def test_the_defence_desks_own_news_is_not_conflict(gate: RelevanceGate, text: str) -> None:
    decision = gate.decide(text)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_an_attack_on_a_range_during_an_exercise_stays_conflict_news(
    gate: RelevanceGate,
) -> None:
    """The same exercise, its lead an attack on the troops at their firing range."""
    lead = (
        "Militants attacked soldiers at a firing range near Varnholm on Monday, killing "
        "six of them in an ambush with rifles and rocket-propelled grenades, the army "
        "said.\n\n"
    )
    assert gate.decide(lead + DEFENCE_DESK_NEWS[2]).label is RelevanceLabel.CONFLICT


def test_a_stars_column_in_war_words_is_not_conflict(gate: RelevanceGate) -> None:
    text = (
        "SAGITTARIUS: Your ruling planet lines up with Mars this week, and a quiet truce at "
        "work breaks down on Tuesday when a rival launches an attack on your plans.\n\n"
        "Hold your position and do not fire back in anger: the battle is won by whoever "
        "keeps the calmer head. A friend brings explosive gossip on Friday, but it is not "
        "your war to fight.\n\n"
        "CAPRICORN: The full moon arms you with fresh courage. March into the meeting with "
        "a plan, and the opposition will melt away. At home, a ceasefire over the washing "
        "up is overdue.\n\n"
        "AQUARIUS: Someone is storming your inbox with demands. Retreat for a day, regroup "
        "and strike back with kindness; it will disarm them.\n\n"
        "PISCES: A surprise ambush of affection from an old friend. Let your defences down "
        "for once and enjoy it, and plan the weekend like a general plans a campaign.\n\n"
        "Our astrologer is away next week; her column returns on the first of the month."
    )
    decision = gate.decide(text)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


#: A mandate renewed, a draft debated and a game's genre, each in its lead, with the
#: troops, weapons and armed groups of the news they are.
CHAMBER_AND_GAME_NEWS = (
    (
        "The Security Council voted on Tuesday to extend the mandate of the UN force in "
        "the north of Varnholm for another year, with 12 votes in favour and three "
        "abstentions.\n\n"
        "The mission has about 8,000 troops and police from 30 countries, who patrol a "
        "buffer zone between the army and the armed groups that signed a peace deal in "
        "2015. The resolution asks the force to protect civilians and to help the "
        "government collect weapons from former fighters.\n\n"
        "The host government said the soldiers were welcome but should work more closely "
        "with its own forces. Several members said the mission's budget, now about 900 "
        "million dollars a year, must fall as the army takes over its bases.\n\n"
        "Diplomats said the talks on the text had taken weeks, mostly over how freely "
        "patrols may move at night. The secretary-general will report to the council "
        "every three months, and a review of the force's size is due in the spring."
    ),
    (
        "The government in Varnholm is split over a return to compulsory military service, "
        "ended 15 years ago, after the army said it could not fill its ranks with "
        "volunteers.\n\n"
        "The defence minister wants every 18-year-old to fill in a form on their fitness "
        "and skills, and a share of them to serve for nine months with the armed forces. "
        "The army has about 60,000 soldiers and says it needs 80,000 and a reserve twice "
        "that size.\n\n"
        "The junior coalition party says young people should not be taken out of their "
        "studies and that companies already lack workers. A poll found that a small "
        "majority of voters backed the plan, most of them over 50.\n\n"
        "Officers say barracks, instructors and rifles would be needed for tens of "
        "thousands of new recruits, and that the plan would cost about two billion euros "
        "a year. The minister will put a draft law to the cabinet in the autumn, and "
        "parliament is expected to vote on it next year."
    ),
    (
        "Harrowdale, the new first-person shooter from a small studio in Tampere, puts a "
        "squad of soldiers on an island in a war that never happened, and it is the most "
        "tense game of the year.\n\n"
        "Firefights are fast and brutal. Enemies flank and throw grenades, rifles kick "
        "hard, and a sniper on a ridge can pin the whole squad down for minutes. An ambush "
        "on a convoy in the rain is the best set piece.\n\n"
        "The story is thin, and the characters talk too much between missions. The online "
        "mode, in which two teams of 24 fight for a harbour and a lighthouse, is where the "
        "hours go: drones and mortar strikes are earned by playing well, and the maps "
        "reward patience.\n\n"
        "The price is fair, though the season pass is not, and the frame rate drops in the "
        "biggest battles on older machines. Fans of slow, careful shooters will find "
        "nothing better this year; others may find it hard work."
    ),
)


@pytest.mark.parametrize("text", CHAMBER_AND_GAME_NEWS)
def test_a_mandate_a_draft_and_a_games_genre_are_not_conflict(
    gate: RelevanceGate, text: str
) -> None:
    decision = gate.decide(text)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_a_short_report_of_farc_dissidents_killing_a_leader_is_conflict(
    gate: RelevanceGate,
) -> None:
    text = (
        "Dissidents of the former FARC guerrilla killed a community organiser in a rural "
        "district of the department on Saturday, an ombudsman's office reported. The "
        "victim, a 45-year-old father of four who had led a cocoa growers' association for "
        "a decade, was shot several times near his home."
    )
    assert gate.decide(text).label is RelevanceLabel.CONFLICT


# Round 18: a war's dead remembered where they lie, a chamber's vote counted, an exercise
# told by its length; the same words beside an attack in the lead stay conflict news.
WAR_CEMETERY_RESTORED = (
    "Stonemasons have finished resetting 212 headstones in the war cemetery above "
    "Varnholm, and the graves were rededicated on Saturday before relatives from four "
    "countries.\n\n"
    "The soldiers buried there fell in the battles for the pass in 1917, when "
    "artillery shelled the ridge for weeks and both armies lost thousands of troops "
    "in assaults on each other's trenches. Many of the stones had sunk or cracked, "
    "and the names of the dead had worn away.\n\n"
    "A team of eleven masons lifted each stone, laid a new base and recut the letters "
    "by hand. Schoolchildren from the valley cleared the paths and planted thyme "
    "between the rows, and a retired army officer checked every name against the "
    "regiments' rolls.\n\n"
    '"Some of these men were killed on their first day at the front," said the team\'s '
    'leader, Orla Brennagh. "The least we can do is spell their names right."\n\n'
    "A bugler played at the end of the service, and soldiers of the local garrison "
    "fired a volley over the graves. The next cemetery to be restored lies further up "
    "the pass."
)
CHAMBER_VOTE_ON_A_TRUCE = (
    "The assembly of nations in Geneva backed a call for a truce in the hills around "
    "Kestrava on Thursday by 98 votes to 12, with 51 abstentions, after a debate that "
    "ran late into the night.\n\n"
    "The text, which binds no one, asks both sides to stop the fighting and let aid "
    "through to the towns in the hills. Its sponsors said the size of the vote showed "
    "how alone the two sides had become.\n\n"
    '"The world has spoken tonight," said the ambassador who drafted it, Ilse Marrow. '
    "The delegation of the government in Kestrava walked out before the count, "
    "calling the text one-sided.\n\n"
    "Several large states abstained, saying the text should have named the side they "
    "blame. Others said a truce without monitors would not last, and one delegate "
    "said the assembly had passed such texts before with little effect.\n\n"
    "The war in the hills has displaced hundreds of thousands of people, aid agencies "
    "say. The assembly's president will send the text to the council, which meets "
    "again next month to discuss its budget."
)
EXERCISE_TOLD_BY_ITS_LENGTH = (
    "Six thousand troops from four countries ended a three-week exercise on the "
    "plains south of Varnholm on Sunday with an assault on a village built for "
    "training, defended by a battalion playing the enemy.\n\n"
    "Tanks and armoured vehicles advanced behind a smokescreen while engineers blew "
    "gaps in the wire, and helicopters landed soldiers on the roofs. Artillery and "
    "mortars fired onto the range's far side, and jets flew overhead.\n\n"
    "Umpires followed each platoon and decided which vehicles were knocked out and "
    'which soldiers counted as casualties. "The enemy made us pay for every street," '
    'said a company commander, Captain Ruud Verhage. "That is how you learn."\n\n'
    "Residents of villages near the range had been warned of heavy traffic and loud "
    "bangs for the whole three weeks. The defence minister watched the final assault "
    "from a hill and said the troops had shown they could fight together at short "
    "notice.\n\n"
    "Units begin the journey back to their barracks on Tuesday."
)
AMBUSH_AFTER_AN_EXERCISE = (
    "Gunmen ambushed a column of soldiers returning from a three-week exercise near "
    "Varnholm on Sunday, killing nine of them with rifles and rocket-propelled "
    "grenades, the army said.\n\n"
    "The attackers opened fire from both sides of the road as the trucks slowed at a "
    "bridge, and set two of them ablaze with grenades before fleeing into the forest. "
    "Eleven soldiers were wounded, three of them seriously, and were flown to the "
    "garrison's clinic by helicopter.\n\n"
    "An insurgent group active in the border hills said in a statement that its "
    "fighters had carried out the ambush in revenge for air strikes on its camps last "
    "month. The army said troops had launched an operation to hunt down the attackers "
    "and had killed two of them in a firefight on Monday morning.\n\n"
    "It was the deadliest attack on the army in the province this year. The defence "
    "minister flew to Varnholm and promised that those responsible would be found."
)
BOMB_AT_A_WAR_CEMETERY = (
    "A bomb hidden among the headstones of a war cemetery in Varnholm exploded during "
    "a service on Sunday, killing six people and wounding fourteen, police said.\n\n"
    "The device went off as a crowd gathered for the laying of wreaths, and witnesses "
    "described people running between the graves as a second blast shook the gate. A "
    "soldier of the honour guard was among the dead.\n\n"
    "A militant group that has carried out bombings in the province since the spring "
    "said in a statement that its fighters had planted the explosives to strike at "
    "officials attending the service. Security forces sealed off the area and "
    "arrested three suspects in a raid on a house nearby on Monday.\n\n"
    "It was the third attack by the militants in the town this year. The interior "
    "minister condemned the bombing and said troops would be sent to guard public "
    "gatherings across the province, and that the service would be held again next "
    "week."
)


@pytest.mark.parametrize(
    "text", [WAR_CEMETERY_RESTORED, CHAMBER_VOTE_ON_A_TRUCE, EXERCISE_TOLD_BY_ITS_LENGTH]
)
def test_war_graves_a_counted_vote_and_an_exercise_by_its_length_are_not_conflict(
    gate: RelevanceGate, text: str
) -> None:
    decision = gate.decide(text)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


@pytest.mark.parametrize("text", [AMBUSH_AFTER_AN_EXERCISE, BOMB_AT_A_WAR_CEMETERY])
def test_an_attack_on_troops_after_an_exercise_or_at_a_war_cemetery_stays_conflict_news(
    gate: RelevanceGate, text: str
) -> None:
    assert gate.decide(text).label is RelevanceLabel.CONFLICT


#: A parliament's own procedure and a party's conference, each in its lead, with the
#: troops, the war and the insurgents of the speeches they hold (round 17).
PARLIAMENT_AND_CONFERENCE_NEWS = (
    (
        "The defence minister of Varnholm was pressed on the size of the army's mission in "
        "the north during a long session of defence questions on Wednesday.\n\n"
        "Deputies asked how many soldiers would stay in the region after the summer and "
        "whether the troops had enough helicopters and armoured vehicles. The minister said "
        "about 3,000 troops were deployed and that commanders had asked for no more.\n\n"
        "The shadow defence secretary, Ilse Marken, said the forces were stretched and that "
        "reservists were being sent with a few weeks' warning. \"Soldiers are doing their "
        'duty. Ministers are not doing theirs," she said.\n\n'
        "Several members raised the war in the north, where the army has fought insurgents "
        "for three years, and asked when the mission would end. The minister said he would "
        "not set a date that the enemy could wait for.\n\n"
        "The chamber will vote on the mission's budget next month, and a committee of "
        "members will visit the bases before the summer recess."
    ),
    (
        "The opposition leader told her party conference on Tuesday that the government "
        "had sent soldiers to war without a plan, in a speech that drew a standing ovation "
        "in the hall at Tarnowo.\n\n"
        '"Our troops have done everything asked of them. They deserve leaders who tell '
        'them the truth," she said, and promised an inquiry into the decision to join the '
        "invasion four years ago if her party wins the election.\n\n"
        "She also pledged more police on the streets and lower taxes for families, and "
        "said the identity card scheme would be scrapped in her first week in office.\n\n"
        "Delegates said the speech had lifted the party after a poor summer in the polls. "
        'A government spokesman called it "all slogans and no sums", and said the '
        "opposition had voted for the same war it now attacked.\n\n"
        "The conference ends on Thursday with a debate on the environment, and the leader "
        "will spend the weekend campaigning in the marginal towns of the south."
    ),
)


@pytest.mark.parametrize("text", PARLIAMENT_AND_CONFERENCE_NEWS)
def test_a_parliaments_questions_and_a_party_conference_are_not_conflict(
    gate: RelevanceGate, text: str
) -> None:
    decision = gate.decide(text)
    assert decision.conflict_weight >= 4.5
    assert decision.label is RelevanceLabel.NOT_CONFLICT


def test_an_ambush_in_the_lead_of_a_report_with_defence_questions_stays_conflict_news(
    gate: RelevanceGate,
) -> None:
    """The same session of questions, after a lead that reports an ambush."""
    lead = (
        "Two soldiers were killed and three wounded when insurgents ambushed their patrol "
        "with rifles and grenades near Dorvik in the north of Varnholm on Tuesday, the army "
        "said.\n\n"
    )
    assert gate.decide(lead + PARLIAMENT_AND_CONFERENCE_NEWS[0]).label is RelevanceLabel.CONFLICT


# Round 19: a committee's report on a war's kit and a minister's letter of resignation over
# a war's advice are the chamber's business; an ambush told in the lead beside a committee
# stays conflict news.
COMMITTEE_ON_KIT = (
    "Troops sent to the mountains of Varnholm went without enough helmets, flares and "
    "field radios for months, the cross-party committee of MPs that scrutinises army "
    "spending said in a report on Wednesday.\n\n"
    "The committee found that one battalion had shared its armour between patrols and "
    "that crates of rifle sights had sat in a depot at the port for half a year. "
    "Soldiers told its members they had bought their own boots and gloves before "
    "deploying against the insurgents in the valleys.\n\n"
    '"We ask these men and women to face gunmen and roadside bombs, and we cannot get '
    'them a pair of gloves," said the chairman, Ruth Abernathy. The ministry said most '
    "of the gaps had been closed since the winter and that it would reply to the report "
    "in full.\n\n"
    "Opposition MPs said ministers had sent troops to war without paying for what they "
    "needed, and called for a debate before the summer."
)
RESIGNATION_OVER_ADVICE = (
    "The junior minister for the armed forces, Colm Derrow, has quit the government, "
    "saying in his letter of resignation that he could no longer defend the secrecy "
    "around the legal advice on the war in Kestrava.\n\n"
    "\"I have argued the government's case for three years, in the chamber and in the "
    'studios," he wrote. "I now believe the house was not told the whole truth about '
    'the advice."\n\n'
    "Downing Street said it regretted his decision but rejected his claims, insisting "
    "that the case had been lawful and had been set out in full at the time.\n\n"
    "Mr Derrow will stay on the back benches. He said he would vote for an inquiry into "
    "the decision to go to war, and would support the government on schools and "
    "hospitals."
)
AMBUSH_BEFORE_A_COMMITTEE_REPORT = (
    "Insurgents ambushed an army convoy in the valleys of Varnholm on Monday, killing "
    "five soldiers and wounding nine, the ministry said, a day before a committee of "
    "MPs was due to report on shortages of armour.\n\n"
    "The convoy was hit by a roadside bomb and then by rifle fire from the slopes above "
    "the road, and the fighting lasted for two hours before helicopters arrived. The "
    "insurgents later said their fighters had carried out the attack.\n\n"
    "The chairman of the committee said the deaths showed why the report mattered. The "
    "ministry said the soldiers had been properly equipped."
)


@pytest.mark.parametrize("text", [COMMITTEE_ON_KIT, RESIGNATION_OVER_ADVICE])
def test_a_committee_report_and_a_letter_of_resignation_are_not_conflict(
    gate: RelevanceGate, text: str
) -> None:
    assert gate.decide(text).label is RelevanceLabel.NOT_CONFLICT


def test_an_ambush_told_beside_a_committee_report_stays_conflict_news(gate: RelevanceGate) -> None:
    assert gate.decide(AMBUSH_BEFORE_A_COMMITTEE_REPORT).label is RelevanceLabel.CONFLICT
