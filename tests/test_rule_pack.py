"""Pins what the shipped rule pack (seeds/rules.toml) does on short hand-written texts.

Every rule has at least one sentence on which it must fire, with the exact words it
must match; every exclusion pattern has at least one look-alike sentence (drug or arms
trafficking, sports courts, disaster rescue, ...) on which its rule must stay silent.
Coverage tests fail when a rule or an exclusion is added to the pack without a pinned
example here. A few whole-pipeline checks run the shipped default model.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tagger._resources import seeds_dir
from tagger.rules import Rule, RuleHit, RuleSet, load_rules
from tagger.training import load_seeds


@pytest.fixture(scope="module")
def pack() -> RuleSet:
    return load_rules(seeds_dir() / "rules.toml")


def _pairs(hits: list[RuleHit]) -> set[tuple[str, str]]:
    return {(h.rule, h.text.lower()) for h in hits}


def _fires(rule: str, text: str, matched: str):  # type: ignore[no-untyped-def]
    return pytest.param(rule, text, matched, id=f"{rule}:{matched.replace(' ', '_')}")


# (rule, text, the matched words, lower-cased)
FIRES = [
    # session 42: gaps found on four held-out sets (assessment-report sentences, Mekong meeting news, instrument
    # provisions, government fact sheets)
    _fires(
        "part.joint_bodies",
        "The new centre in Kisumu brings police, social workers and nurses together under one roof for child victims.",
        "brings police, social workers and nurses together under one roof",
    ),
    _fires(
        "part.cooperation",
        "Warning posters were developed with the tourism industry and hung in 400 guesthouses.",
        "developed with the tourism industry",
    ),
    _fires("part.cooperation", "Officials will co-design the reintegration service with survivor groups.", "co-design"),
    # several agencies in one operation
    _fires("part.cooperation", "A multi-agency sting in Polk County ended with 40 arrests.", "multi-agency"),
    _fires(
        "part.cooperation",
        "The county prosecutor, working with the FBI, charged the motel owner with sex trafficking.",
        "working with the fbi",
    ),
    _fires(
        "part.cooperation",
        "Both ministries shall exchange on a regular basis data on licensed recruiters.",
        "exchange on a regular basis",
    ),
    _fires(
        "part.cooperation",
        "Each side shall exchange, through its liaison office in the capital, information on recruiters under suspicion.",
        "exchange, through its liaison office in the capital, information on",
    ),
    _fires(
        "part.regional_bodies",
        "A grant from the Global Fund to End Modern Slavery pays for the outreach workers in Sylhet.",
        "global fund to end modern slavery",
    ),
    _fires(
        "prot.rescue",
        "Inspectors removed 312 workers, mostly from charcoal camps and cattle ranches in Pará.",
        "removed 312 workers, mostly from",
    ),
    _fires(
        "prot.assistance",
        "Every unaccompanied girl is given an independent guardian who attends each interview with her.",
        "independent guardian",
    ),
    _fires(
        "prot.privacy_and_stay",
        "The scheme lets migrants who report labour exploitation apply for a bridging visa of twelve months.",
        "migrants who report labour exploitation apply for a bridging visa",
    ),
    _fires(
        "pros.criminal_offence",
        "The consent of the child to the exploitation is not a defence to a charge under section 9.",
        "consent of the child to the exploitation is not a defence",
    ),
    _fires(
        "prev.migration_recruitment",
        "Kathmandu kept its deployment ban on housemaids to three Gulf states for another year.",
        "deployment ban",
    ),
    _fires(
        "prev.border_measures",
        "The two states agreed to tighten checks and strengthen border screening at the river crossings.",
        "tighten checks and strengthen border screening",
    ),
    _fires("rel.sex_purchase", "Men arrested for buying sex may attend a one-day john school instead.", "buying sex"),
    _fires(
        "rel.exploitation_words",
        "The gang exploited young Nigerian women as hostesses in bars along the coast.",
        "exploited young nigerian women as",
    ),
    # session 36: the claim that trafficking ranks among the most profitable crimes, drug words and all
    _fires(
        "rel.crime_scale_claim",
        "Speakers noted that human trafficking ranks third among illicit trades after narcotics and weapons.",
        "human trafficking ranks third among illicit",
    ),
    _fires(
        "rel.crime_scale_claim",
        "Trafficking in persons earns criminal groups profits second only to the drug trade.",
        "trafficking in persons earns criminal groups profits second only to",
    ),
    _fires(
        "rel.crime_scale_claim",
        "After drugs and guns, human trafficking is the most lucrative racket on the border.",
        "after drugs and guns, human trafficking is",
    ),
    # selling, not only sold, as brides
    _fires(
        "rel.sale_of_people",
        "The court jailed two brokers for selling women from Kampot to men in Anhui as brides.",
        "selling women from kampot to men in anhui as brides",
    ),
    # an arrest or charge made as part of a trafficking operation
    _fires(
        "rel.trafficking_operation",
        "The pastor was one of nine men charged as part of a county sex-trafficking sting.",
        "as part of a county sex-trafficking sting",
    ),
    # session 35: the T visa as US law cites it, with no word for trafficking
    _fires(
        "rel.tip_report_lingo",
        "The report counts applicants refused visas under section 1101(a)(15)(T) of title 8 because the cap was reached.",
        "1101(a)(15)(t)",
    ),
    _fires("prot.privacy_and_stay", "She now holds T nonimmigrant status and may work in Ohio.", "t nonimmigrant"),
    # forced criminality with drugs: people made to carry or sell them
    _fires(
        "rel.other_exploitation",
        "Young men from the highlands are forced into drug trafficking along the northern border.",
        "forced into drug trafficking",
    ),
    _fires(
        "rel.coercion_active",
        "The gang coerced street children to carry drugs across the city.",
        "coerced street children to carry drugs",
    ),
    # session 34: exploitation as country assessments name it without the word 'trafficking'
    _fires("rel.child_soldiers", "Rebels in the east still hold child soldiers as young as 12.", "child soldiers"),
    _fires(
        "rel.child_soldiers",
        "Both the army and the militias use children in combat and support roles.",
        "use children in combat",
    ),
    _fires(
        "rel.child_soldiers",
        "Insurgents abduct village boys and force them to act as fighters.",
        "abduct village boys and force them to act as fighters",
    ),
    _fires("rel.child_soldiers", "Local defence units conscripted boys under 16 last year.", "conscripted boys"),
    _fires(
        "rel.child_soldiers",
        "Girls in the camps were forcibly recruited by an armed faction.",
        "girls in the camps were forcibly recruited",
    ),
    _fires("rel.sexual_exploitation", "The coastal towns draw child sex tourists from abroad.", "child sex tourists"),
    _fires("rel.sexual_exploitation", "The island is known as a destination for sex tourism.", "sex tourism"),
    _fires("rel.forced_labour", "Some became forced laborers on cargo ships.", "forced laborers"),
    _fires("rel.forced_labour", "Orphans are forced into domestic service in the towns.", "forced into domestic service"),
    _fires("rel.forced_labour", "Young men are kept as indentured labour on the estates.", "indentured labour"),
    _fires(
        "rel.coercion_active",
        "A gang in the port forced runaway boys to serve as drug couriers.",
        "forced runaway boys to serve as drug couriers",
    ),
    _fires(
        "rel.coercion_active",
        "A syndicate forced teenage boys into illegal mining near the border.",
        "forced teenage boys into illegal mining",
    ),
    _fires("rel.exploitation_indicators", "Women from the valley are exploited in bars along the highway.", "exploited in bars"),
    # session 34: club talks named after their subject, and misspelt copy
    _fires(
        "prev.awareness_events",
        "The Elks lodge will host a human trafficking speaker on Monday night.",
        "trafficking speaker",
    ),
    _fires(
        "prev.awareness_events",
        "The clinic runs monthly trafficking lunch-and-learn sessions for staff.",
        "trafficking lunch-and-learn",
    ),
    _fires("rel.human_trafficking", "Deputies arrest two in human traficking sting - Ledger.", "human traficking"),
    # session 33: non-punishment in a statute's words, and small children are people, not goods
    _fires(
        "prot.rights_remedies",
        "A trafficked person shall not be criminally liable for working without a permit.",
        "trafficked person shall not be criminally liable",
    ),
    _fires("prot.rights_remedies", "Section 9 sets out the non-liability of victims for forced offences.", "non-liability"),
    _fires("rel.trafficking_generic", "The gang was trafficking small children from hill villages to Bangkok.", "trafficking"),
    # session 31: the fare home, officials receiving returnees, US statute and fact-sheet words
    _fires(
        "pros.court",
        "Magistrates granted a Slavery and Trafficking Risk Order against the gangmaster before his trial.",
        "slavery and trafficking risk order",
    ),
    _fires(
        "prev.supply_chain",
        "The city will add forced-labour clauses to its procurement contracts for uniforms and cleaning.",
        "procurement contracts",
    ),
    _fires(
        "prev.awareness",
        "A candlelight walk in Boise shone a light on labour trafficking in farm work.",
        "shone a light on labour trafficking",
    ),
    _fires(
        "prev.awareness",
        "The exhibition of children's drawings aims to draw public attention to child trafficking.",
        "draw public attention to child trafficking",
    ),
    _fires(
        "prev.awareness",
        "A charity football match spotlights modern slavery in the garment trade.",
        "spotlights modern slavery",
    ),
    _fires(
        "prot.rights_remedies",
        "In the camps, sex trafficking victims charged with adultery were held alongside their abusers.",
        "victims charged with",
    ),
    # (guard: a victim named before someone else's charge is not a victim punished)
    _fires(
        "pros.court",
        "Police appeal for more victims to come forward after a Red Deer man charged with trafficking.",
        "charged",
    ),
    _fires(
        "rel.sold_person",
        "Deputies arrested a motel clerk who offered a 15-year-old runaway for sex to guests.",
        "offered a 15-year-old runaway for sex",
    ),
    _fires(
        "rel.sold_person",
        "Detectives said the two girls had been advertised online for sex since the summer.",
        "girls had been advertised online for sex",
    ),
    # a lead from another country's national police, or a report received from the US child-exploitation centre
    _fires(
        "part.cooperation_strong",
        "The federal case began with a tip from the Colombian National Police about payments to a Medellin facilitator.",
        "with a tip from the colombian national police",
    ),
    _fires(
        "part.cooperation_strong",
        "Officers arrested the man after receiving a report from the National Center for Missing and Exploited Children.",
        "after receiving a report from the national center for missing and exploited children",
    ),
    _fires(
        "part.cooperation_strong",
        "Canada and Mexico announced a joint initiative to protect seasonal farm workers from exploitation.",
        "joint initiative",
    ),
    _fires(
        "part.funding_assistance",
        "The Program to End Modern Slavery funds a survey of forced labour on cocoa farms in Ghana.",
        "program to end modern slavery",
    ),
    _fires(
        "rel.sale_of_people",
        "A district court jailed a farmer who sold his 13-year-old daughter into marriage with a money-lender.",
        "sold his 13-year-old daughter into",
    ),
    _fires(
        "prev.documents_vulnerability",
        "The plan commits the ministry to tackle the poverty that leaves upland girls vulnerable to traffickers.",
        "tackle the poverty that leaves upland girls vulnerable",
    ),
    _fires(
        "rel.national_bodies",
        "Indonesia and Australia co-chaired the Bali Process ministerial meeting in Adelaide.",
        "bali process",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "The country of origin shall accept the return of that person and issue travel papers without delay.",
        "accept the return of that person",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "The consulate in Jeddah arranged flights home for 31 maids who had fled their employers.",
        "flights home",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "Welfare officers received 52 women and men returned from Malaysia at the Entikong border post.",
        "received 52 women and men returned from",
    ),
    _fires(
        "prot.assistance",
        "The office funds victim service programs in 40 states for people trafficked for labour.",
        "victim service programs",
    ),
    _fires(
        "prot.rights_remedies",
        "Federal agents asked immigration to grant continued presence to the two women who agreed to testify.",
        "continued presence",
    ),
    # Canada's permit for migrant workers abused by an employer
    _fires(
        "prot.rights_remedies",
        "Four Guatemalan farmhands received open work permits for vulnerable workers after leaving the ranch.",
        "permits for vulnerable workers",
    ),
    # recruitment fees paid back to the workers who were charged them: restitution
    _fires(
        "prot.fee_remediation",
        "The glove maker said it had reimbursed illegal recruitment fees to 3,100 Nepali workers.",
        "reimbursed illegal recruitment fees",
    ),
    _fires(
        "prot.fee_remediation",
        "A shrimp processor agreed to repay 40 million baht in recruitment costs to its Myanmar staff.",
        "repay 40 million baht in recruitment costs to",
    ),
    _fires(
        "prot.fee_remediation",
        "Recruitment fees charged to the 600 harvesters will be repaid within six months, the brand said.",
        "recruitment fees charged to the 600 harvesters will be repaid",
    ),
    _fires("prot.fee_remediation", "Customs lifted the import ban after fee repayments to workers.", "fee repayments"),
    _fires(
        "prot.rights_remedies",
        "A new state law lets trafficking survivors vacate prostitution convictions from their years in the trade.",
        "vacate prostitution convictions",
    ),
    _fires(
        "part.funding_assistance",
        "The act authorises assistance to foreign governments that draft laws against trafficking.",
        "assistance to foreign governments",
    ),
    _fires(
        "rel.national_bodies",
        "Posters from the Blue Campaign went up in every bus station in the county this week.",
        "blue campaign",
    ),
    _fires(
        "pros.enforcement_action",
        "Labour inspectors found 14 deckhands unpaid for a year and forwarded the case to the marine police for investigation.",
        "forwarded the case to the marine police for investigation",
    ),
    _fires(
        "part.cooperation",
        "The 48 fishermen flew home with the facilitation of the Indonesian embassy in Port Moresby.",
        "with the facilitation of",
    ),
    # relevance
    # (look-alike exclusions must not swallow people: "begun" holds "gun", "cartels" is not a drug)
    _fires("rel.trafficking_generic", "The gang had begun trafficking women from Ukraine to Cyprus.", "trafficking"),
    _fires("rel.trafficking_generic", "Drug cartels were trafficking women and girls across the border.", "trafficking"),
    # (nor people whose story also names drugs or goods)
    _fires("rel.trafficking_generic", "Police seized heroin and found two trafficked teenagers in the flat.", "trafficked"),
    _fires("rel.trafficking_generic", "The network trafficked Lao women and also smuggled timber.", "trafficked"),
    # goods trafficking in the same unit does not veto trafficked people: passive, or people as the object
    _fires(
        "rel.trafficking_generic",
        "The boys found tending cannabis in a Leeds loft had been trafficked, and the owner faces drug trafficking charges.",
        "trafficked",
    ),
    _fires(
        "rel.trafficking_generic",
        "The gang was trafficking women to Spain while also running a cocaine trafficking route.",
        "trafficking",
    ),
    _fires(
        "rel.human_trafficking", "Authorities in Moldova opened 40 new cases of human trafficking last year.", "human trafficking"
    ),
    _fires(
        "rel.human_trafficking",
        "The Philippine senate held a hearing on trafficking in persons in Mindanao.",
        "trafficking in persons",
    ),
    _fires("rel.human_trafficking", "An anti-trafficking unit was set up in the port city of Mombasa.", "anti-trafficking"),
    _fires("rel.trafficking_generic", "A suspected trafficker was arrested at the bus terminal in Lagos, Nigeria.", "trafficker"),
    _fires(
        "rel.tip_report_lingo", "Malaysia was upgraded to Tier 2 in this year's assessment by Washington.", "upgraded to tier"
    ),
    _fires("rel.tip_report_lingo", "Kuwait stays on the Tier 2 Watch List for a third year.", "tier 2 watch list"),
    _fires("rel.safe_migration", "Volunteers in Champasak handed out leaflets on safe migration.", "safe migration"),
    _fires("rel.safe_migration", "The radio drama teaches young people how to migrate safely.", "migrate safely"),
    _fires(
        "rel.tip_report_lingo",
        "Officials were told the government is making significant efforts to do so, though it still falls short of the standards.",
        "significant efforts to do so",
    ),
    _fires("rel.national_bodies", "Officers at Clark airport referred the two women to IACAT on Sunday.", "iacat"),
    _fires("rel.national_bodies", "Penang police opened an ATIPSOM investigation into the spa owner.", "atipsom"),
    # the regional bodies: COMMIT's meetings are reported without the word trafficking
    _fires("rel.national_bodies", "Senior officials of the six COMMIT countries met in Bangkok.", "commit"),
    _fires("rel.national_bodies", "Three more states have ratified ACTIP since the summit.", "actip"),
    _fires("rel.national_bodies", "The CBTIP held its first coordination meeting of the year in Nay Pyi Taw.", "cbtip"),
    _fires("rel.national_bodies", "Officers of the AHTJPD questioned the karaoke owner in Siem Reap.", "ahtjpd"),
    _fires(
        "rel.forced_labour", "Inspectors found families held in debt bondage at a brick kiln in Punjab, Pakistan.", "debt bondage"
    ),
    _fires(
        "rel.forced_labour", "Fishermen from Myanmar were forced to work 20 hours a day on boats off Thailand.", "forced to work"
    ),
    _fires(
        "rel.sexual_exploitation",
        "A charity said girls in Kenya's coastal towns face sexual exploitation by tourists.",
        "sexual exploitation",
    ),
    _fires("rel.other_exploitation", "Hundreds of foreigners were held in a scam compound in eastern Myanmar.", "scam compound"),
    _fires(
        "rel.other_exploitation", "Activists in Niger say forced marriage of girls is rising in rural areas.", "forced marriage"
    ),
    # session 37: the crime named as a trade in people
    _fires("rel.other_exploitation", "Monks in the province preached against the trade in people.", "trade in people"),
    _fires(
        "rel.exploitation_words",
        "Inspectors found exploited migrants sleeping in shipping containers behind the greenhouses.",
        "exploited migrants",
    ),
    _fires(
        "rel.exploitation_indicators",
        "Workers at the sawmill in Gabon said the manager took their passports on the first day.",
        "took their passports",
    ),
    _fires(
        "rel.exploitation_indicators",
        "Nepali cleaners in Doha said they still owed recruitment fees of up to 1,500 dollars.",
        "recruitment fees",
    ),
    # deceived into a journey, a job or a marriage, with no word for the crime
    _fires(
        "rel.exploitation_indicators",
        "The two cousins had been tricked into travelling to Shenzhen by a woman from their village.",
        "tricked into travelling",
    ),
    _fires(
        "rel.exploitation_indicators",
        "The boys were lured to Mae Sot by a broker with promises of factory jobs.",
        "lured to mae sot by a broker with promises of factory jobs",
    ),
    _fires(
        "rel.exploitation_indicators",
        "Brokers in the district make false promises of marriage to girls who leave school early.",
        "false promises of marriage",
    ),
    _fires("rel.sale_of_people", "Two Hmong girls from Lao Cai were sold as brides across the border.", "sold as brides"),
    # brides and babies bought and sold, with no word for the crime
    _fires(
        "rel.sale_of_people",
        "Police in Guangxi held nine brokers accused of buying brides in Lao villages and reselling them to farmers.",
        "buying brides",
    ),
    _fires(
        "rel.sale_of_people",
        "The women, from Shan State, were sold to men in Shandong as wives for about $8,000.",
        "sold to men in shandong as wives",
    ),
    _fires(
        "rel.sale_of_people", "A court in Lagos heard that the newborns were later sold to couples.", "newborns were later sold"
    ),
    _fires(
        "rel.sale_of_people",
        "The midwife bought a newborn from a teenage mother in Medan, prosecutors said.",
        "bought a newborn",
    ),
    _fires("rel.sale_of_people", "Officers in Enugu raided a suspected baby factory on Monday.", "baby factory"),
    _fires(
        "rel.sale_of_people",
        "A woman in Prey Veng sold her 17-year-old daughter to a Chinese man for 8,000 dollars.",
        "sold her 17-year-old daughter to",
    ),
    _fires(
        "rel.sale_of_people",
        "The court heard that she sold her niece to a man from Henan as a bride.",
        "sold her niece to a man from henan as a bride",
    ),
    _fires(
        "rel.sold_person",
        "Her aunt sold her for about 20,000 yuan to a farmer in Anhui, the girl told police.",
        "sold her for about 20,000 yuan to a farmer",
    ),
    _fires(
        "rel.sold_person", "Police said the two girls had been sold to a brothel in Sylhet.", "girls had been sold to a brothel"
    ),
    _fires("rel.sold_person", "The boy was sold three times before he escaped, police said.", "boy was sold three times"),
    _fires(
        "rel.sold_person",
        "A provincial court jailed a broker for selling three teenage girls into marriages across the border.",
        "selling three teenage girls into marriages",
    ),
    # child sexual abuse material in US police and court news, and the task forces that work it
    _fires(
        "rel.child_abuse_material",
        "A Dayton man was indicted on five counts of receiving child pornography, prosecutors said.",
        "child pornography",
    ),
    _fires(
        "rel.child_abuse_material",
        "The state's Internet Crimes Against Children unit executed the search warrant.",
        "internet crimes against children",
    ),
    # the crime in the words of definitions and estimates
    _fires("rel.forced_labour", "The survey counted 4,000 people in compelled work on the estates.", "compelled work"),
    _fires(
        "rel.other_exploitation",
        "Aid groups say girls in the camps are married without their consent.",
        "married without their consent",
    ),
    _fires("rel.other_exploitation", "Brokers paid kidney sellers in the slum about $1,500 each.", "kidney sellers"),
    _fires(
        "rel.exploitation_indicators",
        "The Afghan boys sewed jeans to repay a smuggling fee of 9,000 euros.",
        "repay a smuggling fee",
    ),
    # forced criminality told as a rescue from a scam or gambling operation
    _fires(
        "rel.scam_rescue",
        "Forty Vietnamese workers rescued from a scam company in Sihanoukville flew home on Thursday.",
        "rescued from a scam company",
    ),
    _fires("rel.scam_rescue", "Eight youths freed from a cyber-fraud camp landed in Colombo.", "freed from a cyber-fraud camp"),
    _fires(
        "rel.scam_rescue",
        "About 90 Kenyans released from fraud compounds across the river are waiting for flights home.",
        "released from fraud compounds",
    ),
    _fires(
        "rel.scam_rescue",
        "Troops removed 240 foreigners from scam compounds near the border last week.",
        "removed 240 foreigners from scam compounds",
    ),
    # people rescued from the venues where sex trafficking is usually found, told without naming it
    _fires(
        "rel.venue_rescue",
        "Officers in Udon Thani rescued 11 girls from two karaoke bars on Saturday night.",
        "rescued 11 girls from two karaoke bars",
    ),
    _fires(
        "rel.venue_rescue",
        "Police raided a massage parlour in Penang and freed nine women from Vietnam.",
        "massage parlour in penang and freed",
    ),
    _fires(
        "rel.scam_rescue",
        "Police raided an online gambling hub in Pasay and rescued 120 foreign workers.",
        "online gambling hub in pasay and rescued",
    ),
    _fires("rel.other_exploitation", "Doctors at the clinic paid villagers $2,500 per kidney.", "per kidney"),
    _fires("rel.other_exploitation", "Police in Lahore broke up a kidney racket on Sunday.", "kidney racket"),
    _fires("rel.other_exploitation", "Twelve men were lured to sell a kidney in Colombo.", "lured to sell a kidney"),
    _fires(
        "rel.other_exploitation",
        "Workers were sold from one fraud compound to another near Myawaddy.",
        "sold from one fraud compound to another",
    ),
    _fires("rel.other_exploitation", "More victims in the region were made to commit crimes.", "made to commit crimes"),
    _fires("rel.other_exploitation", "The charity helped 40 women escape coerced marriages.", "coerced marriages"),
    _fires("rel.sexual_exploitation", "The men paid for live-streamed abuse of girls in Cebu.", "live-streamed abuse"),
    _fires(
        "rel.sexual_exploitation",
        "Italian police arrested a gang that forced Nigerian women into street prostitution.",
        "forced nigerian women into street prostitution",
    ),
    _fires(
        "rel.migrant_captivity",
        "Gunmen kept 60 migrants in a shed near Sabha until their families paid $2,000 each.",
        "migrants in a shed near sabha until their families paid",
    ),
    _fires(
        "rel.migrant_captivity",
        "Troops found 40 migrants in a house whose guards were demanding money from their relatives.",
        "migrants in a house whose guards were demanding money from their relatives",
    ),
    _fires("rel.exploitation_indicators", "A maid in Penang worked without pay for six years.", "without pay for six years"),
    _fires("rel.exploitation_indicators", "The deckhands were never allowed ashore in 14 months.", "never allowed ashore"),
    _fires(
        "rel.forced_labour", "A gang in Medan sent the toddlers out to beg at traffic lights.", "sent the toddlers out to beg"
    ),
    _fires("rel.forced_labour", "Police in Dhaka broke up a begging ring that maimed children.", "begging ring"),
    _fires(
        "rel.sexual_exploitation",
        "The women said they were made to sleep with customers at a bar in Mae Sot.",
        "made to sleep with customers",
    ),
    _fires("rel.other_exploitation", "The Kenyans were made to run crypto scams for 16 hours a day.", "made to run crypto scams"),
    _fires(
        "rel.exploitation_indicators",
        "The family moulded bricks to work off their debts to the kiln owner.",
        "work off their debts",
    ),
    _fires("rel.forced_labour", "A couple in Perth kept an Indian woman as an unpaid servant for six years.", "unpaid servant"),
    _fires("rel.forced_labour", "The survey counts adults and children in coerced work in 160 countries.", "coerced work"),
    # "enslaved" of people today still votes (the history markers are in another sentence; "Africans" is no marker)
    _fires("rel.forced_labour", "Migrants said they saw enslaved Africans sold at auctions outside Tripoli.", "enslaved"),
    _fires("rel.forced_labour", "The deckhands were made to work 20-hour shifts and were never paid.", "made to work"),
    # "forced to work" still votes when what follows is not a schedule or home working
    _fires("rel.forced_labour", "They were forced to work late into the night in a garment workshop.", "forced to work"),
    _fires(
        "rel.forced_labour",
        "Eleven deckhands said they were enslaved on a squid boat for two years. A museum in Ambon reopened on Friday.",
        "enslaved",
    ),
    _fires(
        "rel.sexual_exploitation",
        "Brokers lured them into prostitution in bars along the border.",
        "lured them into prostitution",
    ),
    _fires(
        "rel.other_exploitation",
        "Next to drugs and guns, the sale of human beings earns organised crime the most money, the envoy said.",
        "sale of human beings",
    ),
    _fires("rel.other_exploitation", "Forty Kenyans escaped from a fraud compound near the Thai border.", "fraud compound"),
    _fires("rel.forced_labour", "Talibé boys in Senegal are forced to beg in the streets of Dakar.", "forced to beg"),
    # rescue and raid reports that describe the crime without naming it
    _fires("rel.forced_labour", "Officers freed 23 bonded workers from a brick kiln outside Lahore.", "bonded workers"),
    _fires(
        "rel.exploitation_indicators",
        "The cooks said they were held against their will in the restaurant's basement for two years.",
        "held against their will",
    ),
    _fires(
        "rel.other_exploitation",
        "Police in Nghe An said the two girls had been sold across the border to a family in Yunnan.",
        "sold across the border",
    ),
    _fires(
        "rel.other_exploitation",
        "Returnees said they were made to scam strangers online for 16 hours a day.",
        "made to scam",
    ),
    _fires(
        "rel.sexual_exploitation",
        "Detectives warned parents about online grooming of children through game chat rooms.",
        "online grooming",
    ),
    # local names of servitude
    _fires("rel.named_practices", "At eight she was sent to Port-au-Prince as a restavek and never went to school.", "restavek"),
    _fires("rel.named_practices", "Former kamlari girls in Dang now run a savings group, the NGO said.", "kamlari"),
    # coercion told in the active voice, as court and police news tell it
    _fires(
        "rel.coercion_active",
        "The brothers were jailed for forcing Romanian men to work at their car washes.",
        "forcing romanian men to work",
    ),
    _fires(
        "rel.coercion_active",
        "Prosecutors said the couple forced two teenage girls into prostitution.",
        "forced two teenage girls into prostitution",
    ),
    _fires(
        "rel.coercion_active", "The gang coerced the boys to steal phones on the metro, police said.", "coerced the boys to steal"
    ),
    # where they came from may stand between whom and what
    _fires(
        "rel.coercion_active",
        "The ring forced young women from Moldova and Ukraine into prostitution in Berlin, prosecutors said.",
        "forced young women from moldova and ukraine into prostitution",
    ),
    _fires("rel.coercion_active", "Her uncle compelled her to marry a man twice her age.", "compelled her to marry"),
    _fires(
        "rel.coercion_active",
        "The gang held 40 Kenyans in a compound in Myawaddy, forcing them to run romance scams.",
        "forcing them to run romance scams",
    ),
    # the same schedule words as rel.forced_labour's exclusion: "late" is no excuse
    _fires("rel.coercion_active", "The owner forced the girls to work late into the night.", "forced the girls to work"),
    # smuggled migrants held for ransom or kidnapped: the exploitation that makes smuggling trafficking
    _fires(
        "rel.migrant_captivity",
        "The gang kept 22 Eritrean migrants captive in a farmhouse near Sabha.",
        "kept 22 eritrean migrants captive",
    ),
    _fires(
        "rel.migrant_captivity",
        "Police said the Guatemalan migrants were held for ransom for nine days.",
        "migrants were held for ransom",
    ),
    _fires(
        "rel.migrant_captivity",
        "Troops freed 31 kidnapped Honduran migrants from a ranch in Tamaulipas.",
        "kidnapped honduran migrants",
    ),
    _fires(
        "rel.migrant_captivity",
        "The gang kept Rohingya migrants in forest camps until relatives paid for their release.",
        "rohingya migrants in forest camps until relatives paid",
    ),
    _fires(
        "rel.sexual_exploitation",
        "Investigators traced payments for livestreamed sexual abuse of children in Pampanga.",
        "livestreamed sexual abuse",
    ),
    # prevention
    _fires(
        "prev.awareness", "The ministry launched an awareness campaign in secondary schools across Uganda.", "awareness campaign"
    ),
    _fires("prev.awareness", "Officials in Kyrgyzstan warned job seekers about offers of work in Russia.", "warned job seekers"),
    _fires(
        "prev.public_warning",
        "The labour ministry warned graduates against fake offers of office work in Dubai.",
        "warned graduates against fake offers",
    ),
    _fires(
        "prev.public_warning",
        "Consular staff advised nurses bound for Riyadh to be vigilant about agents who ask for fees.",
        "advised nurses bound for riyadh to be vigilant",
    ),
    _fires(
        "prev.public_warning",
        "Village chiefs told young women not to be lured by brokers offering jobs across the border.",
        "not to be lured",
    ),
    _fires(
        "prev.public_warning",
        "Scammers now recruit nurses on TikTok, embassy warns - Gulf Daily.",
        "scammers now recruit nurses on tiktok, embassy warns",
    ),
    _fires("prev.recognise_signs", "Bus drivers in Ghana are being taught to spot the signs of exploitation.", "spot the signs"),
    _fires("prev.recognise_signs", "Volunteers in Ohio handed out leaflets listing red flags for parents.", "red flags"),
    _fires("prev.action_plan", "Cambodia adopted a new national action plan covering 2024 to 2028.", "national action plan"),
    _fires("prev.action_plan", "The committee reviewed progress on the five-year national plan in Vientiane.", "national plan"),
    _fires("prev.action_plan", "Fiji's anti-trafficking plan has not been funded for two years.", "anti-trafficking plan"),
    _fires(
        "prev.migration_recruitment",
        "Indonesia revoked the licences of 12 recruitment agencies last month.",
        "recruitment agencies",
    ),
    _fires("prev.migration_recruitment", "Nepali workers bound for the Gulf now attend pre-departure classes.", "pre-departure"),
    # regulating recruiters still votes when they are named as the ones who deceive
    _fires(
        "prev.migration_recruitment",
        "The labour office will strike off recruiters who deceive jobseekers about wages abroad.",
        "recruiters",
    ),
    # session 37: agencies that deceive, as the object of a measure against them, still vote
    _fires(
        "prev.migration_recruitment",
        "The ministry revoked the licences of 19 recruitment agencies found to have deceived jobseekers.",
        "recruitment agencies",
    ),
    # inspection as a standing measure still counts (the rescue exclusion needs a freeing or finding verb after it)
    _fires(
        "prev.migration_recruitment",
        "The ministry will hire 200 more labour inspectors for farms and fishing ports.",
        "labour inspectors",
    ),
    _fires(
        "prev.migration_recruitment",
        "Volunteers in Sayaboury showed villagers how to migrate safely to Thailand.",
        "migrate safely",
    ),
    _fires(
        "prev.migration_recruitment",
        "Consulates will check work-visa applications more closely so that traffickers cannot abuse the scheme.",
        "visa applications",
    ),
    _fires("prev.supply_chain", "The retailer published an audit of its cotton supply chain in Uzbekistan.", "supply chain"),
    _fires(
        "prev.supply_chain",
        "US customs issued a withhold release order on gloves from a Malaysian factory.",
        "withhold release order",
    ),
    _fires(
        "prev.documents_vulnerability",
        "The programme paid for birth registration of children in remote districts of Laos.",
        "birth registration",
    ),
    _fires(
        "prev.demand", "Brazil's tourism board pledged to fight child sex tourism in the north-east.", "fight child sex tourism"
    ),
    _fires(
        "prev.research_data", "A baseline survey in Bangladesh counted families who had lost a member abroad.", "baseline survey"
    ),
    _fires("prev.hotline", "Callers in Peru can report suspected cases to a free hotline run by the ministry.", "hotline"),
    # the advice on using a reporting channel, with or without a hotline named
    _fires("prev.hotline", "How to report human trafficking: a guide from the county sheriff.", "how to report"),
    _fires("prev.hotline", "Neighbours were asked to report suspected exploitation on farms.", "report suspected"),
    # a seminar or symposium on trafficking for the public, by topic or by name
    _fires(
        "prev.awareness_events",
        "A women's church group hosted an informational seminar on human trafficking at the library.",
        "seminar on human trafficking",
    ),
    _fires(
        "prev.awareness_events",
        "The third annual modern slavery symposium opens at the college on Friday.",
        "modern slavery symposium",
    ),
    _fires("prev.prevent_word", "The new law aims to prevent the abuse of domestic workers in Lebanon.", "prevent"),
    # Vietnam's anti-trafficking steering committee is named for crime prevention: that name still votes
    _fires(
        "prev.prevent_word",
        "The provincial Steering Committee for Crime Prevention reviewed its anti-trafficking work on Friday.",
        "prevention",
    ),
    _fires(
        "prev.training_public",
        "The airline trained its cabin crew on a route between Dubai and Manila.",
        "trained its cabin crew",
    ),
    _fires(
        "prev.training_public",
        "Teachers in Tanzania learned to recognise the signs of grooming.",
        "teachers in tanzania learned to recognise the signs",
    ),
    _fires(
        "prev.training_public",
        "A two-day course in Vientiane trained customs and immigration officers to question young travellers.",
        "trained customs and immigration officers",
    ),
    _fires(
        "prev.training_public",
        "Labour inspectors in Ghana were trained to look for debt bondage on cocoa farms.",
        "labour inspectors in ghana were trained",
    ),
    # prosecution
    _fires("pros.arrest_raid", "Police in Colombo arrested four men who had recruited women for work abroad.", "arrested"),
    _fires("pros.arrest_raid", "Officers raided a karaoke bar in Ho Chi Minh City on Friday.", "raided"),
    _fires("pros.arrest_raid", "An undercover officer posed as a buyer at a massage parlour in Denver.", "undercover"),
    _fires("pros.arrest_raid", "Two men were detained on suspicion of smuggling women into Spain.", "on suspicion of"),
    _fires("pros.arrest_raid", "The weekend sting netted eleven men in Tacoma.", "sting"),
    _fires("pros.arrest_raid", "Border guards broke up a trafficking ring in Lao Cai last month.", "broke up a trafficking ring"),
    # session 37: more words before the ring, and other forms of the verb
    _fires(
        "pros.arrest_raid",
        "Police broke up a cross-border human trafficking ring in Savannakhet.",
        "broke up a cross-border human trafficking ring",
    ),
    _fires("pros.arrest_raid", "Investigators are breaking up networks that sell village girls.", "breaking up networks"),
    _fires("pros.arrest_raid", "Police in Bokeo cracked down on recruiters for the casinos.", "cracked down"),
    _fires("pros.arrest_raid", "Officers smashed two trafficking syndicates in Mandalay.", "smashed two trafficking syndicates"),
    _fires("pros.arrest_raid", "Labour officers in Johor detained the employer under ATIPSOM.", "detained the employer"),
    _fires("pros.arrest_raid", "The magistrate remanded the two recruiters for seven days.", "remanded"),
    _fires(
        "pros.held_for_trafficking",
        "Odisha: three held for child trafficking after a tip-off at the railway station.",
        "held for child trafficking",
    ),
    _fires("pros.court", "A court in Riga convicted two men of selling women into sham marriages.", "convicted"),
    _fires("pros.court", "A judge in Texas sentenced the ranch owner to 15 years.", "sentenced"),
    _fires("pros.court", "The Supreme People's Procuracy told local procuracies to speed up the cases.", "procuracy"),
    _fires(
        "pros.enforcement_action",
        "Police named the director of a labour agency a suspect in the case of 35 women sent to Abu Dhabi.",
        "named the director of a labour agency a suspect",
    ),
    # a gap in prosecution is still prosecution (THEMES.md): the non-punishment exclusion needs the victims as subject
    _fires("pros.court", "The recruiters were not prosecuted for the abuse of the workers.", "prosecuted"),
    _fires(
        "pros.to_justice",
        "The ministry vowed to bring the recruiters to justice within the year.",
        "bring the recruiters to justice",
    ),
    _fires(
        "pros.to_justice",
        "Prosecutors in Manila say it is hard to hold labour traffickers accountable.",
        "hold labour traffickers accountable",
    ),
    _fires(
        "pros.to_justice",
        "The minister urged provincial committees to take effective action against traffickers.",
        "take effective action against traffickers",
    ),
    _fires(
        "pros.to_justice",
        "Strict action will be taken against the brokers, the governor said.",
        "strict action will be taken against the brokers",
    ),
    _fires(
        "pros.case_counts",
        "Last year the police opened 31 forced labour investigations in Ghana.",
        "opened 31 forced labour investigations",
    ),
    _fires(
        "pros.case_counts", "Trafficking prosecutions declined for a third year in the review period.", "prosecutions declined"
    ),
    # the report register's gerund
    _fires(
        "pros.case_counts",
        "Authorities did not report initiating any investigations of forced labour on plantations this year.",
        "report initiating any investigations",
    ),
    # the state-media register of year-end reviews
    _fires(
        "pros.case_counts",
        "Border guards discovered and handled 9 cases of trafficking in persons last year.",
        "discovered and handled 9 cases",
    ),
    _fires(
        "pros.case_counts", "Officers uncovered 48 cases involving 97 offenders in five years.", "cases involving 97 offenders"
    ),
    _fires(
        "pros.case_counts",
        "Provincial police investigated 65 labour exploitation cases in 2023.",
        "investigated 65 labour exploitation cases",
    ),
    _fires(
        "prot.services_for_victims",
        "The ministry will link survivors of forced labour with housing and counselling in Hanoi.",
        "survivors of forced labour with housing",
    ),
    _fires(
        "prot.assistance",
        "A church in Lusaka pays the rent of a flat that serves as housing for survivors.",
        "housing for survivors",
    ),
    _fires(
        "prot.services_for_victims",
        "A small charity in Chiang Rai helps trafficking survivors finish school.",
        "helps trafficking survivors",
    ),
    _fires(
        "prot.assistance",
        "The county's only victim service provider found beds for six women after the raid.",
        "victim service provider",
    ),
    _fires("prot.services_for_victims", "Two volunteer lawyers in Dhaka assist victims when they testify.", "assist victims"),
    _fires(
        "prot.services_for_victims",
        "The hostel in Sihanoukville serves women survivors of scam compounds.",
        "serves women survivors",
    ),
    _fires(
        "prot.rescue",
        "Agents recovered 23 missing children during the week-long operation in Ohio.",
        "recovered 23 missing children",
    ),
    _fires(
        "prot.identification",
        "Immigration officers did not screen the Nepali women held at the airport for signs of trafficking.",
        "screen the nepali women held at the airport for signs of trafficking",
    ),
    _fires(
        "prot.assistance",
        "Ministers from Jakarta and Kuala Lumpur discussed the protection of trafficked plantation workers.",
        "protection of trafficked",
    ),
    _fires(
        "prev.prevention_topic",
        "The district council met on Friday to discuss human trafficking prevention in Bokeo.",
        "trafficking prevention",
    ),
    _fires(
        "prev.prevention_topic",
        "A youth club in Savannakhet ran a quiz night on preventing human trafficking.",
        "preventing human trafficking",
    ),
    _fires(
        "prev.awareness_events",
        "A university in Perth will host a talk on human trafficking next week.",
        "talk on human trafficking",
    ),
    _fires(
        "prev.awareness_events",
        "The school choir gave a concert to raise funds for trafficking survivors.",
        "raise funds for trafficking survivors",
    ),
    _fires("prev.awareness_events", "The town's modern slavery exhibition opened at the library.", "modern slavery exhibition"),
    _fires("pros.court", "The couple were found guilty of holding a maid captive in Singapore.", "found guilty"),
    _fires(
        "pros.investigation_police", "Detectives in Romania are investigating a gang that sent women to Germany.", "detectives"
    ),
    _fires(
        "pros.investigation_police", "Detectives in Romania are investigating a gang that sent women to Germany.", "investigating"
    ),
    _fires("pros.law", "Parliament in Accra passed an amendment to the criminal code this week.", "criminal code"),
    _fires("pros.law", "Parliament in Accra passed an amendment to the criminal code this week.", "amendment"),
    _fires("pros.criminalisation", "The new code criminalises debt bondage and forced begging.", "criminalises"),
    _fires(
        "pros.criminalisation", "Recruiting a child for sexual exploitation is punishable by 20 years in prison.", "punishable by"
    ),
    _fires(
        "pros.criminal_offence",
        "Each state shall take measures to establish the confiscation of victims' passports as a criminal offence.",
        "establish the confiscation of victims' passports as a criminal offence",
    ),
    _fires(
        "pros.criminal_offence",
        "The amendment makes knowingly using the services of a forced worker a criminal offence.",
        "makes knowingly using the services of a forced worker a criminal offence",
    ),
    _fires("pros.assets", "Spanish police froze their assets and seized three luxury cars.", "froze their assets"),
    _fires("pros.assets", "The gang's leader in Sofia also faces charges of money laundering.", "money laundering"),
    # Indian enforcement news 'attaches' property
    _fires(
        "pros.assets",
        "The Enforcement Directorate provisionally attached flats and land worth Rs 8 crore belonging to the agent.",
        "provisionally attached flats",
    ),
    _fires(
        "pros.assets", "The court ordered the attachment of the properties of the two brokers.", "attachment of the properties"
    ),
    # the offence amended in the penal or criminal code, with no trafficking law named
    _fires(
        "pros.law_change",
        "Parliament amended the Penal Code so that forced labour and servitude carry the same sentence.",
        "amended the penal code",
    ),
    _fires(
        "pros.law_change",
        "Section 212 of the Criminal Code shall be amended to cover the removal of organs.",
        "criminal code shall be amended",
    ),
    # a trafficking law adopted or amended (a full vote; pros.law's keywords are half votes)
    _fires(
        "pros.law_change",
        "The National Assembly on Thursday adopted the revised Law on Human Trafficking Prevention and Combat.",
        "adopted the revised law on human trafficking",
    ),
    _fires(
        "pros.law_change",
        "Parliament passed amendments to the anti-trafficking act that raise the minimum sentence to ten years.",
        "passed amendments to the anti-trafficking act",
    ),
    # session 29: the law's long Vietnamese and Lao titles put five words between "law on" and "trafficking"
    _fires(
        "pros.law_change",
        "Deputies voted to adopt the revised Law on Prevention and Combat of Human Trafficking on Friday.",
        "adopt the revised law on prevention and combat of human trafficking",
    ),
    _fires("pros.complicity", "Two border officials in Nepal were suspended for taking bribes from recruiters.", "bribes"),
    _fires("pros.complicity", "Rights groups in Mexico say impunity for such crimes remains the norm.", "impunity"),
    # session 37: officials' complicity still votes beside the relatives' exclusions
    _fires(
        "pros.complicity",
        "Parents told reporters that complicit border officials let the vans pass.",
        "complicit",
    ),
    _fires(
        "pros.training_justice",
        "The programme trained 60 prosecutors in Hanoi on handling forced labour cases.",
        "trained 60 prosecutors",
    ),
    _fires(
        "pros.training_justice",
        "More than 200 police officers were trained in Addis Ababa last year.",
        "police officers were trained",
    ),
    _fires(
        "pros.training_justice",
        "The embassy funded a two-day workshop in Kampala for 25 judges on trafficking cases.",
        "workshop in kampala for 25 judges",
    ),
    # protection
    _fires("prot.identification", "Labour inspectors began screening fishermen in Thai ports for abuse.", "screening"),
    _fires("prot.identification", "Police identified 14 victims during an operation in Johannesburg.", "identified 14 victims"),
    _fires(
        "prot.identification",
        "The operation led to 219 arrests and the identification of 1,374 victims.",
        "identification of 1,374 victims",
    ),
    _fires(
        "prot.identification",
        "During the week of checks, 45 likely victims of forced labour were identified on farms.",
        "victims of forced labour were identified",
    ),
    _fires("prot.rescue", "Police rescued 23 women from a brothel in Kolkata on Tuesday.", "rescued"),
    _fires("prot.rescue", "The labour attaché secured the release of 14 household workers in Riyadh.", "secured the release of"),
    _fires("prot.rescue", "Officials released 23 bonded labourers from a kiln near Tiruvallur.", "released 23 bonded labourers"),
    _fires("prot.rescue", "Each family left the camp with release certificates in hand.", "release certificates"),
    _fires("prot.shelter", "The girls were placed in a government shelter in Chiang Mai.", "shelter"),
    # a home named for whom it serves
    _fires(
        "prot.shelter",
        "A church group in Tulsa will open a home for sex trafficking survivors next spring.",
        "home for sex trafficking survivors",
    ),
    _fires(
        "prot.shelter",
        "The charity gave advice and accommodation to 60 domestic workers who had escaped.",
        "advice and accommodation",
    ),
    _fires("prot.shelter", "A safe house for boys opened in Tirana with help from the city council.", "safe house"),
    _fires(
        "prev.departure_screening",
        "Immigration officers at Clark airport offloaded 12 passengers bound for Phnom Penh.",
        "offloaded 12 passengers",
    ),
    _fires(
        "prev.departure_screening",
        "Two women were offloaded at NAIA after showing fake job contracts.",
        "women were offloaded",
    ),
    _fires("prot.assistance", "Survivors in Manila receive psychosocial support and legal aid.", "psychosocial"),
    _fires("prot.assistance", "Survivors in Manila receive psychosocial support and legal aid.", "legal aid"),
    _fires(
        "prot.assistance",
        "The 14 girls were handed over to the social welfare office in Songkhla.",
        "handed over to the social welfare",
    ),
    _fires("prot.assistance", "The boys were turned over to the DSWD for processing.", "turned over to the dswd"),
    _fires("prot.assistance", "The three children remain under the care of the DSWD in Cebu.", "under the care of the dswd"),
    _fires("prot.assistance", "The clinic gives follow-up care to the men whose kidneys were taken.", "follow-up care"),
    _fires(
        "prot.handover", "The border post received 21 citizens handed over by Lao police.", "citizens handed over by lao police"
    ),
    _fires(
        "part.cross_border_handover",
        "Viet Nam received 103 citizens handed over by Cambodian authorities at Moc Bai.",
        "103 citizens handed over by cambodian authorities",
    ),
    _fires(
        "prev.public_warning",
        "The labour ministry warned jobseekers not to accept offers of work in Myawaddy.",
        "warned jobseekers not to accept",
    ),
    _fires(
        "prot.repatriation_reintegration", "Thirty Cambodian fishermen were repatriated from Indonesia last week.", "repatriated"
    ),
    _fires("prot.repatriation_reintegration", "The women were reunited with their families in Benin City.", "reunited"),
    _fires("prot.repatriation_reintegration", "A charity in Accra helps reunite rescued boys with their parents.", "reunite"),
    _fires("prot.repatriation_reintegration", "The consulate paid for the fishermen to fly home to Yangon.", "fly home"),
    _fires(
        "prot.rights_remedies", "A tribunal in Hong Kong ordered the employer to pay compensation to the maid.", "compensation"
    ),
    _fires("prot.rights_remedies", "The Filipino nanny was granted a T visa in California.", "t visa"),
    _fires(
        "prot.rights_remedies", "Lawyers asked the labour court for financial remedies for the fishermen.", "financial remedies"
    ),
    _fires(
        "prot.privacy_and_stay",
        "Judges in Lisbon must keep the identity of child victims out of every published ruling.",
        "identity of child victims",
    ),
    _fires("prot.privacy_and_stay", "Editors agreed never to print a survivor's identity or photograph.", "survivor's identity"),
    _fires(
        "prot.privacy_and_stay",
        "The new act allows foreign victims to stay in Norway while their case is heard.",
        "allows foreign victims to stay",
    ),
    _fires("prot.referral", "A new referral mechanism links police in Chisinau with social workers.", "referral mechanism"),
    _fires("prot.referral", "The teenagers were referred to a charity in Leeds for support.", "referred to"),
    _fires("prot.victims_word", "The victims were mostly teenagers from rural Guatemala.", "victims"),
    # partnership
    _fires(
        "part.agreements", "Thailand and Myanmar signed a memorandum of understanding on labour.", "memorandum of understanding"
    ),
    _fires("part.agreements", "Zambia became the latest country to ratify the protocol.", "protocol"),
    _fires("part.mou_acronym", "Laos and Vietnam renewed their MoU on the return of citizens.", "mou"),
    _fires("part.regional_bodies", "Interpol coordinated the checks at airports in 40 countries.", "interpol"),
    _fires("part.regional_bodies", "The IOM office in Niamey provided buses for the returnees.", "iom"),
    _fires("part.acronyms_case_sensitive", "The EU is paying for the new border posts in Niger.", "eu"),
    # session 37: the EU as a donor still votes beside the exclusion of the EU as a place
    _fires(
        "part.acronyms_case_sensitive",
        "The shelter in Durres is run with funding from the EU and the Italian police.",
        "eu",
    ),
    _fires("part.acronyms_case_sensitive", "The ACWC adopted its work plan at a meeting in Jakarta.", "acwc"),
    # money from a foreign government, its embassy or aid agency, or a foundation named by its country
    _fires(
        "part.foreign_funding",
        "The shelter in Battambang opened this year with funding from the Government of Japan.",
        "funding from the government of japan",
    ),
    _fires(
        "part.foreign_funding",
        "The course, backed by the Swiss government, trained 30 social workers.",
        "backed by the swiss government",
    ),
    _fires(
        "part.foreign_funding", "A grant from a Dutch foundation pays for two social workers.", "grant from a dutch foundation"
    ),
    _fires(
        "part.foreign_funding",
        "The hotline is paid for with $200,000 from the Norwegian embassy.",
        "paid for with $200,000 from the norwegian embassy",
    ),
    _fires("part.acronyms_case_sensitive", "Officials at the COMMIT meeting in Bangkok agreed on a new work plan.", "commit"),
    _fires("part.acronyms_case_sensitive", "GRETA's evaluators visited shelters in Bucharest in May.", "greta"),
    _fires(
        "part.regional_bodies", "The Freeland Foundation trained rangers and police along the Thai border.", "freeland foundation"
    ),
    _fires("part.cooperation", "Police forces from Chile and Peru cooperate closely on border cases.", "cooperate"),
    # session 37: cooperation against cross-border crime, and networks of NGOs, still vote
    _fires("part.cooperation", "Laos and Thailand agreed to cooperate against cross-border trafficking.", "cooperate"),
    _fires("part.cooperation", "A coalition of anti-trafficking networks met in Manila.", "networks"),
    _fires(
        "part.cooperation", "The shelter works with the police to refer women it meets at bus stations.", "works with the police"
    ),
    _fires("part.cooperation", "The embassy in Riyadh issued emergency travel papers.", "embassy"),
    _fires("part.cooperation", "The Sri Lanka High Commission in Kuala Lumpur arranged their flights.", "high commission"),
    _fires(
        "part.cooperation_strong",
        "Acting on a referral from the UK's National Crime Agency, police searched a flat in Cebu.",
        "acting on a referral from the uk's national crime agency",
    ),
    _fires(
        "part.cooperation",
        "The county task force brings police, labour inspectors and shelter staff to one table each month.",
        "task force",
    ),
    _fires("part.cooperation", "The case was investigated by a joint task force of Lao and Thai police.", "joint task force"),
    # a task force's name that says it is joint, or its meeting, still votes (the proper-name exclusion stops there)
    _fires("part.cooperation", "Officers of the Joint Border Crimes Task Force searched a farm near Tecun Uman.", "task force"),
    _fires("part.cooperation", "The foreign minister chaired the Human Trafficking Task Force meeting in Lima.", "task force"),
    # a government signing a deal with another still votes ('signed a' is vetoed only before a law, bill or order)
    _fires("part.agreements", "The two labour ministers signed a memorandum on seasonal workers in Dhaka.", "signed a"),
    _fires("part.cooperation", "Kenya's foreign ministry asked Gulf states to inspect labour camps.", "foreign ministry"),
    # prev.demand: sex tourism as the target of a measure
    _fires(
        "prev.demand", "The ministry launched a drive to combat child sex tourism in beach resorts.", "combat child sex tourism"
    ),
    _fires("prev.demand", "Airlines will show travellers a sex tourism awareness video.", "sex tourism awareness"),
    # the exclusions for victims' home countries and criminal groups leave cooperation alone
    _fires(
        "part.cooperation",
        "The plan commits the ministry to work with unions and neighbouring countries.",
        "neighbouring countries",
    ),
    _fires(
        "part.cooperation", "Ministers met in Vientiane to discuss transnational crime, including trafficking.", "transnational"
    ),
    _fires("part.cooperation_strong", "The arrests were made in cooperation with Dutch police.", "in cooperation with"),
    _fires(
        "part.cooperation_strong",
        "Police from Thailand, Cambodia and Myanmar attended a joint training on scam-compound cases.",
        "joint training",
    ),
    _fires("part.cooperation_strong", "Bulgaria extradited a suspect to the United Kingdom on Monday.", "extradited"),
    _fires(
        "part.cooperation_strong",
        "Kenyan detectives took part in three international investigations with Ugandan police.",
        "international investigations",
    ),
    _fires(
        "part.cooperation_strong",
        "The labour and interior ministries will work closely together against the trafficking of fishermen.",
        "work closely together",
    ),
    _fires(
        "part.cooperation_strong",
        "Ending forced labour needs collaboration between governments, employers and unions.",
        "collaboration between",
    ),
    _fires(
        "part.cooperation_strong",
        "The ministry is partnering with the IOM to screen returnees from the Gulf.",
        "partnering with",
    ),
    _fires(
        "part.cooperation_strong",
        "The two provinces agreed to strengthen cooperation on missing-person cases at the border.",
        "strengthen cooperation",
    ),
    _fires("part.meetings", "Ministers from six countries met at a summit in Jakarta.", "summit"),
    _fires(
        "part.bilateral_talks",
        "Officials from Lao PDR and Vietnam met in Savannakhet to compare lists of missing women.",
        "officials from lao pdr and vietnam met",
    ),
    _fires(
        "part.bilateral_talks",
        "Malaysian and Thai border guards held talks on Monday about a ring moving Rohingya south.",
        "malaysian and thai border guards held talks",
    ),
    _fires(
        "part.bilateral_talks",
        "Nepal and India agreed to jointly repatriate girls rescued from brothels in Mumbai.",
        "nepal and india agreed to jointly repatriate",
    ),
    _fires("part.funding_assistance", "The project in Mozambique is funded by the Norwegian government.", "funded by"),
    _fires("part.funding_assistance", "Australia provides technical assistance to prosecutors in Fiji.", "technical assistance"),
    # session 20: vocabulary of agency news found by a study set written from THEMES.md
    _fires("rel.human_trafficking", "The network used fake study visas to traffic women into Cyprus.", "traffic women"),
    _fires(
        "prot.handover",
        "Thai officials handed over 52 Cambodian nationals at the Poipet checkpoint on Tuesday.",
        "handed over 52 cambodian nationals",
    ),
    _fires(
        "prot.handover",
        "Malaysia hands over 120 Indonesian migrant workers at the Entikong border post.",
        "hands over 120 indonesian migrant workers",
    ),
    _fires(
        "prot.handover",
        "The 19 women rescued from bars in Penang were handed over to Lao officials at the Friendship Bridge.",
        "women rescued from bars in penang were handed over to lao officials",
    ),
    # session 29: victim-support vocabulary found by study sets written from THEMES.md
    _fires("prot.shelter", "The grants fund safe housing and counselling for women leaving the sex trade.", "safe housing"),
    _fires(
        "prot.assistance", "Specialised services for male victims remained scarce outside the capital.", "specialised services"
    ),
    _fires(
        "prot.services_for_victims",
        "Caseworkers support people who have been exploited through the benefits system.",
        "support people who have been exploited",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "Nine girls who returned from being trafficked to Malaysia started a tailoring course.",
        "returned from being trafficked",
    ),
    _fires(
        "prot.rights_remedies", "Buyers must pay for remediation for workers found in debt bondage.", "remediation for workers"
    ),
    _fires("prot.referral", "The guidelines cover the cross-border referral of trafficked children.", "cross-border referral"),
    # session 29: cooperation in the words of agency news and treaties
    _fires(
        "part.cooperation_strong",
        "The nine fishermen were freed with the help of Indonesian authorities in Ambon.",
        "with the help of indonesian authorities",
    ),
    _fires("part.cooperation", "Police acted on information exchanged with their Lao counterparts.", "information exchanged"),
    _fires("part.cooperation", "The requested State shall decide on the surrender within sixty days.", "requested state"),
    # session 29: police work across borders is prosecution as well as partnership (THEMES.md's note)
    _fires(
        "pros.joint_enforcement",
        "The state took part in more international investigations than the year before.",
        "international investigations",
    ),
    _fires(
        "pros.joint_enforcement",
        "The two police forces will swap intelligence on suspected traffickers every week.",
        "swap intelligence on suspected traffickers",
    ),
    # session 29: the TIP Report's oversight of the sectors where forced labour is found is prevention
    _fires(
        "prev.migration_recruitment",
        "The ministry gave little money for oversight of agricultural sectors that employ migrants.",
        "oversight of agricultural sectors",
    ),
    # session 29: non-punishment, permission to stay and return in the words of statutes and agency news
    _fires(
        "prot.rights_remedies",
        "A trafficked person shall not be held criminally or administratively liable for entering the country illegally.",
        "trafficked person shall not be held criminally or administratively liable",
    ),
    _fires(
        "prot.privacy_and_stay",
        "The law lets victims of forced labour to stay for a year while they recover.",
        "lets victims of forced labour to stay",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "Officials went to Moscow to negotiate the return of Nepali men.",
        "return of nepali men",
    ),
    _fires("prot.repatriation_reintegration", "The embassy is working with the shipowner to bring them home.", "bring them home"),
    # session 29: a body described as coordinating the response, and who pays for recruitment
    _fires(
        "prev.migration_recruitment",
        "The ministry capped recruitment costs at one month's wage for domestic workers.",
        "recruitment costs",
    ),
    _fires(
        "prev.action_plan",
        "A working group of six ministries meets monthly to coordinate the national response.",
        "coordinate the national response",
    ),
    _fires(
        "prev.migration_recruitment",
        "The agreement requires employers to pay recruitment costs and airfares.",
        "employers to pay recruitment",
    ),
    _fires(
        "rel.human_trafficking", "Six detectives will work only on cases involving trafficked juveniles.", "trafficked juveniles"
    ),
    _fires(
        "prot.rescue",
        "Police removed 96 workers, among them Kenyans, Ugandans and Ethiopians, from a compound in Myawaddy.",
        "removed 96 workers, among them kenyans, ugandans and ethiopians, from",
    ),
    _fires("prot.rights_remedies", "The judge also ordered him to pay each victim 300,000 baht.", "pay each victim"),
    _fires("rel.other_exploitation", "The recruits were made to run fake crypto schemes all night.", "made to run fake"),
    # session 29: rescued people handed to their families or to the welfare ministry
    _fires(
        "prot.handover",
        "The four girls stopped at the checkpoint were handed over to their families in Nghe An the next day.",
        "girls stopped at the checkpoint were handed over to their families",
    ),
    _fires(
        "prot.handover",
        "Two children found in the clinic have been handed over to the state Ministry of Women Affairs.",
        "children found in the clinic have been handed over to the state ministry of women",
    ),
    # session 29: vocabulary found by study sets written from THEMES.md
    _fires("rel.national_bodies", "NAPTIP officers intercepted nine girls at the motor park in Kano.", "naptip"),
    _fires("rel.human_trafficking", "Fiji was urged to accede to the UN TIP Protocol without delay.", "tip protocol"),
    _fires(
        "rel.scam_rescue", "Each province must shelter people rescued from online scam sites.", "rescued from online scam sites"
    ),
    _fires(
        "rel.other_exploitation",
        "Thousands of people may be held in compounds where they are forced to carry out online scams.",
        "forced to carry out online scams",
    ),
    _fires("rel.forced_labour", "The Anti-Slavery Commissioner will publish guidance for retailers in May.", "anti-slavery"),
    _fires("prot.handover", "The handover of 30 Myanmar fishermen took place in Ranong.", "handover of 30 myanmar fishermen"),
    # the same handovers across a border are cooperation between two countries' officials
    _fires(
        "part.cross_border_handover",
        "Malaysian police handed over 26 Vietnamese women at the Bukit Kayu Hitam checkpoint.",
        "handed over 26 vietnamese women",
    ),
    _fires(
        "part.cross_border_handover",
        "After screening, the nine girls were handed back to Myanmar authorities at the bridge.",
        "handed back to myanmar authorities",
    ),
    _fires(
        "part.cross_border_handover",
        "The rescued deckhands were later transferred to their embassy in Dili.",
        "transferred to their embassy",
    ),
    _fires(
        "part.cross_border_handover",
        "A hand-over ceremony for 31 Lao returnees was held in Nong Khai.",
        "hand-over ceremony for 31 lao returnees",
    ),
    _fires(
        "part.cross_border_handover",
        "The border post took in 15 Cambodian workers handed over by Thai police at Khlong Luek.",
        "cambodian workers handed over by thai police",
    ),
    _fires("prot.rescue", "Police free 18 Nepali girls from a circus in Punjab.", "free 18 nepali girls"),
    _fires("prot.rescue", "The FBI operation netted 84 arrests, and 39 minors were recovered.", "39 minors were recovered"),
    _fires(
        "pros.investigation_police", "Enforcement agencies in Sabah carried out 40 operations this year.", "enforcement agencies"
    ),
    _fires("pros.court", "The brokers will face legal action, the minister said on Monday.", "face legal action"),
    _fires("pros.court", "The agency filed complaints against six recruiters in Cebu.", "filed complaints"),
    # the Mekong countries and the river commission are still regional bodies
    _fires("part.regional_bodies", "Ministers of the six Mekong countries met in Yangon.", "mekong"),
    _fires("part.regional_bodies", "Experts from the Mekong River Commission joined the talks.", "mekong"),
    # session 21: study sets of policy texts and news paragraphs written from THEMES.md
    _fires("prot.rescue", "Inspectors removed 48 workers from a charcoal camp in Para state.", "removed 48 workers from"),
    _fires(
        "prot.rescue",
        "Police removed 90 foreigners, most of them Kenyans, from a casino compound in Myawaddy.",
        "removed 90 foreigners, most of them kenyans, from",
    ),
    _fires("prot.assistance", "The returnees were given medical checks at the border post.", "medical checks"),
    _fires("prot.repatriation_reintegration", "The embassy is working to bring home 31 fishermen.", "bring home"),
    _fires(
        "prot.rights_remedies",
        "A victim shall not be prosecuted for immigration offences linked to the exploitation.",
        "victim shall not be prosecuted",
    ),
    _fires(
        "prot.rights_remedies",
        "Make sure that no one is deported for working on a false permit while under a trafficker's control.",
        "no one is deported for",
    ),
    _fires(
        "prot.rights_remedies",
        "The women must not be prosecuted for thefts they were forced to commit.",
        "not be prosecuted for thefts they were forced",
    ),
    _fires(
        "part.cooperation_strong",
        "Acting on a referral from the Australian Federal Police, officers arrested a man in Cebu.",
        "acting on a referral from the australian federal police",
    ),
    _fires(
        "part.cooperation_strong",
        "Police raided the flat following a tip-off from their Thai counterparts.",
        "following a tip-off from their thai counterparts",
    ),
    _fires(
        "prot.identification",
        "Since March the unit has identified just over 1,600 victims.",
        "identified just over 1,600 victims",
    ),
    _fires("prot.assistance", "The 12 girls were turned over to social workers in Iloilo.", "turned over to social workers"),
    _fires("pros.court", "The Miami-Dade State Attorney's Office filed the case.", "attorney's office"),
    _fires(
        "rel.coercion_active",
        "The farmer was jailed for forcing two men to dig ditches on his land without pay for six years.",
        "forcing two men to dig ditches on his land without pay",
    ),
    # police news in the headline present tense, the people police are after, and the first steps of a South Asian case
    _fires("pros.arrest_raid", "Delhi police busts a racket that sold girls to brothels in Pune.", "busts"),
    _fires("pros.arrest_raid", "Officers in Sylhet are busting gangs that smuggle boys to Dubai.", "busting"),
    _fires("pros.arrest_raid", "The agent was caught red-handed with six forged passports.", "caught red-handed"),
    _fires("pros.arrest_raid", "Police rounded up nine brokers at the bus terminal in Lagos.", "rounded up"),
    _fires("pros.investigation_police", "Cops in Ohio found two teenagers locked in a motel room.", "cops"),
    _fires("pros.investigation_police", "The DSI took over the case of the 40 workers found in Samut Sakhon.", "dsi"),
    _fires(
        "pros.investigation_police",
        "The Anti-Trafficking in Persons Division raided a bar in Mae Sot.",
        "anti-trafficking in persons division",
    ),
    _fires("pros.investigation_police", "The sheriff said the farm owner had kept the men for a year.", "sheriff"),
    _fires("pros.investigation_police", "The suspects had posted fake modelling jobs on TikTok.", "suspects"),
    _fires("pros.investigation_police", "A trafficking suspect escaped from custody in Kupang.", "trafficking suspect"),
    _fires(
        "pros.investigation_police",
        "Border guards turned back three suspected traffickers at the crossing.",
        "suspected traffickers",
    ),
    _fires("pros.court", "The agency filed a chargesheet against eleven people in Kolkata.", "chargesheet"),
    _fires("pros.court", "The family registered an FIR against the placement agency.", "registered an fir"),
    _fires(
        "pros.held_for_trafficking",
        "The hotel owner was booked under the Immoral Traffic Prevention Act on Sunday.",
        "booked under the immoral traffic prevention act",
    ),
    _fires("pros.held_for_trafficking", "Two men were booked under Section 370 in Bhopal.", "booked under section 3"),
    # a law named by its subject, and a warning quoted after a colon or 'that'
    _fires("pros.law", "Lawyers in Dhaka say the law against human trafficking is rarely used.", "law against human trafficking"),
    _fires(
        "prev.public_warning",
        "Embassy warns: scammers posing as recruiters target nurses in Manila.",
        "warns: scammers",
    ),
    _fires(
        "prev.public_warning",
        "The consulate warned that fake recruiters were offering jobs in Dubai.",
        "warned that fake recruiters",
    ),
    # partners acting together in headline verbs, a foreign ambassador's visit, and the crime named as selling people
    _fires("part.cooperation_strong", "The city police joins forces with two NGOs to reach runaway teens.", "joins forces"),
    _fires("part.cooperation_strong", "A joint forces strategy links eleven police services in the province.", "joint forces"),
    _fires("part.cooperation_strong", "A nursing college and the state bureau team up to train emergency staff.", "team up"),
    _fires(
        "part.cooperation_strong", "Ghana and Italy strengthen ties to fight the smuggling of young women.", "strengthen ties"
    ),
    _fires("part.cooperation", "The Japanese ambassador visited the provincial anti-trafficking committee.", "ambassador"),
    _fires(
        "rel.other_exploitation",
        "The governor vowed to punish those who grow rich by selling human beings.",
        "selling human beings",
    ),
    # victims' care and services made for them, people helped out of exploitation, and the police word 'recoveries'
    _fires(
        "prot.services_for_victims",
        "A church in Cebu opened apartments built for survivors of online exploitation.",
        "apartments built for survivors",
    ),
    _fires(
        "prot.services_for_victims",
        "The clinic was praised for its care of trafficking victims from the ports.",
        "care of trafficking victims",
    ),
    _fires(
        "prot.services_for_victims",
        "Two nuns in Lagos help young women escape sexual exploitation in Italy.",
        "help young women escape sexual exploitation",
    ),
    _fires("prot.rescue", "The weekend sting led to nine arrests and four victim recoveries.", "victim recoveries"),
    # signs of 'possible' trafficking, and the public taught about it at town halls and presentations
    _fires(
        "prev.recognise_signs",
        "Bus drivers in Alberta are shown signs of possible human trafficking.",
        "signs of possible human trafficking",
    ),
    _fires(
        "prev.awareness_events",
        "The library hosts a town hall on labour trafficking next Tuesday.",
        "town hall on labour trafficking",
    ),
    _fires(
        "prev.awareness_events",
        "Nurses in Kandy were taught about the tricks of child trafficking.",
        "taught about the tricks of child trafficking",
    ),
    _fires(
        "prev.awareness_events",
        "Parents learn more about online grooming at a school evening.",
        "learn more about online grooming",
    ),
    # trafficking as the object of an investigation or of law enforcement's fight
    _fires(
        "pros.enforcement_action",
        "Detectives in Leeds are investigating suspected labour trafficking at a car wash.",
        "investigating suspected labour trafficking",
    ),
    _fires(
        "pros.enforcement_action",
        "The senate committee will probe alleged trafficking of workers through the airport.",
        "probe alleged trafficking",
    ),
    _fires(
        "pros.enforcement_action",
        "Provincial police are cracking down on sex trafficking along the highway.",
        "police are cracking down on sex trafficking",
    ),
    # sectors joined in a coalition or an alliance
    _fires("part.cooperation", "A statewide coalition of churches and shelters was formed to end trafficking.", "coalition"),
    _fires("part.cooperation", "The alliance of tour operators signed a code against child exploitation.", "alliance"),
    # groups of states, regional processes and the diplomatic register of policy statements
    _fires("part.regional_bodies", "Labour ministers of the Colombo Process met in Kathmandu.", "colombo process"),
    _fires("part.acronyms_case_sensitive", "G7 interior ministers pledged to share data on smuggling gangs.", "g7"),
    _fires("part.cooperation", "We will work with allies to close markets to goods made by forced labour.", "allies"),
    _fires("part.cooperation", "The international community must do more for stateless fishermen.", "international community"),
    # people kept safe from trafficking before it happens, and trafficking thwarted
    _fires(
        "prev.prevention_topic",
        "A new app helps protect young job seekers from unscrupulous recruiters in Nairobi.",
        "protect young job seekers from unscrupulous recruiters",
    ),
    _fires(
        "prev.prevention_topic",
        "Airline crews are trained to thwart child trafficking on domestic flights.",
        "thwart child trafficking",
    ),
    # scam-compound register: removal without 'from', screening for forced criminality, sending people home
    _fires(
        "prot.rescue",
        "Officers stormed a casino annex in Bavet and removed 64 workers, most of them Thai, who had been forced to run online scams.",
        "removed 64 workers, most of them thai, who had been forced",
    ),
    _fires(
        "prot.identification",
        "Immigration staff at Mae Sot will screen every returnee for signs of forced criminality.",
        "screen every returnee for signs of forced criminality",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "The two governments agreed to coordinate the return of Cambodian women found in Fujian.",
        "return of cambodian women",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "Vientiane is working with their embassies to send them home before the end of the month.",
        "send them home",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "Border police in Lao Cai returned nine girls to their families after interviews.",
        "returned nine girls to their families",
    ),
    # session 32
    _fires(
        "part.cooperation_strong",
        "Laos and Thailand launched a joint campaign in border provinces against fake job adverts.",
        "joint campaign",
    ),
    _fires(
        "prot.shelter",
        "A Battambang charity opened a transitional home for girls recovering from sexual exploitation.",
        "transitional home",
    ),
    _fires(
        "rel.sale_of_people",
        "Man jailed for selling wife to Chinese husband. The court said he deceived her into crossing the border.",
        "selling wife to",
    ),
    _fires("rel.sale_of_people", "Police say he sold his young bride to a farmer in Henan.", "sold his young bride to"),
    _fires(
        "prev.training_public",
        "Banks have been trained to flag transactions linked to sexual exploitation.",
        "banks have been trained to flag",
    ),
    _fires(
        "part.cooperation",
        "The two ministries agreed to share data on migrants who may be trafficking victims.",
        "share data",
    ),
    _fires("rel.national_bodies", "GRETA welcomes the awareness-raising campaigns carried out in schools.", "greta"),
    # the veto of 'International' closing an organisation's name leaves a title-case headline's cooperation alone
    _fires("part.cooperation", "Boosting International Cooperation Against Trafficking - Vientiane Times.", "international"),
    _fires(
        "prev.recruiter_licences",
        "Uganda suspended the licences of 20 labour export companies accused of sending maids abroad unvetted.",
        "suspended the licences of 20 labour export companies",
    ),
    _fires(
        "prev.recruiter_licences",
        "The licences of seven agencies were revoked last year.",
        "licences of seven agencies were revoked",
    ),
    _fires(
        "rel.tip_report_lingo",
        "Referrals to the National Referral Mechanism rose to 17,000 last year.",
        "national referral mechanism",
    ),
    _fires("prev.demand", "Men arrested for buying sex can attend a one-day john school.", "john school"),
    _fires(
        "prev.demand",
        "The city ran bus adverts targeting demand for paid sex among young men.",
        "targeting demand for paid sex",
    ),
    # session 39: gaps found on held-out official, news-alert and South-East Asian news units written from THEMES.md
    _fires(
        "pros.criminal_offence",
        "Every State Party must take the steps needed to make the acts defined in Article 4 of the Protocol a criminal offence.",
        "make the acts defined in article 4 of the protocol a criminal offence",
    ),
    _fires(
        "prev.demand",
        "The plan aims to curb the demand that drives the sexual exploitation of girls in bars.",
        "curb the demand that drives",
    ),
    _fires(
        "prev.forced_labour_goods",
        "Shrimp caught wholly or partly by forced labour will be refused entry at the port under the new rule.",
        "caught wholly or partly by forced labour",
    ),
    _fires("prev.forced_labour_goods", "The bill bans imports of gloves made with prison labor.", "made with prison labor"),
    _fires(
        "prev.forced_labour_goods",
        "Cotton picked by conscripts is cotton grown with compulsory labour, and the ban now covers it.",
        "grown with compulsory labour",
    ),
    _fires("part.foreign_funding", "A Korean-funded shelter in Siem Reap took in 14 girls.", "korean-funded"),
    _fires("part.foreign_funding", "The EU-financed project trains labour inspectors.", "eu-financed"),
    _fires(
        "part.cooperation",
        "Malaysian police worked with Thai authorities to find the missing fishermen.",
        "worked with thai authorities",
    ),
    _fires(
        "prot.handover",
        "Officers rescued eleven boys from a brick kiln and handed them back to their families.",
        "handed them back to their families",
    ),
    _fires(
        "prot.handover",
        "The two girls found in the karaoke bar have been handed to the district women's union.",
        "girls found in the karaoke bar have been handed to the district women's union",
    ),
    _fires(
        "prot.rights_remedies",
        "The Parties shall make it possible not to impose penalties on victims who were compelled to steal.",
        "not to impose penalties on victims",
    ),
    _fires("prot.rights_remedies", "Three fishermen filed a civil suit against the boat owner.", "civil suit"),
    _fires("prot.rights_remedies", "The survivors are seeking damages for years of unpaid work.", "seeking damages"),
    _fires(
        "prot.rights_remedies",
        "Witnesses will get protection from intimidation during the trial.",
        "protection from intimidation",
    ),
    _fires("prot.assistance", "The district paid emergency aid to each returnee.", "emergency aid"),
    _fires("prot.rescue", "Forty workers were helped out of the compound by embassy staff.", "helped out of"),
    _fires(
        "rel.sale_of_people",
        "Police said the girls were to be passed on to a buyer in Henan.",
        "girls were to be passed on to a buyer",
    ),
    _fires("part.cooperation_strong", "Nine girls were rescued in a raid made with Australian help.", "with australian help"),
    _fires("part.cooperation_strong", "The plan was drafted with UNODC support.", "with unodc support"),
    _fires(
        "part.cooperation_strong",
        "The ministry named an advisory council of eight survivors to review the plan.",
        "advisory council of eight survivors",
    ),
    _fires("part.cooperation_strong", "A survivor advisory board now reviews each draft rule.", "survivor advisory board"),
    _fires("rel.sexual_exploitation", "Police in Davao raided a cybersex den on Tuesday.", "cybersex den"),
    # session 40: gaps found on three more held-out sets written from THEMES.md alone
    _fires("prot.rescue", "Inspectors free a record number of workers from charcoal camps.", "free a record number of workers"),
    _fires("prot.rescue", "Troops free 230 foreigners from a casino compound.", "free 230 foreigners"),
    _fires(
        "prot.handover",
        "The eleven girls were handed over at the Mong Cai border gate on Friday.",
        "girls were handed over at the mong cai border",
    ),
    _fires(
        "part.cross_border_handover",
        "The eleven girls were handed over at the Mong Cai border gate on Friday.",
        "girls were handed over at the mong cai border",
    ),
    _fires(
        "prot.repatriation_reintegration",
        "The rescued women were returned via the Moc Bai checkpoint on Monday.",
        "women were returned via the moc bai checkpoint",
    ),
    _fires("part.cooperation_strong", "The arrests followed a tip-off from Interpol.", "followed a tip-off from interpol"),
    _fires(
        "part.cooperation_strong",
        "The two brokers were handed over to Thai police by Lao authorities.",
        "handed over to thai police by lao authorities",
    ),
    _fires(
        "part.cooperation_strong", "The recruiter was deported to Nepal to face charges.", "deported to nepal to face charges"
    ),
    _fires(
        "prot.rights_remedies",
        "The lawyer argued that the girls must not be charged because they had been trafficked.",
        "not be charged because they had been trafficked",
    ),
    _fires(
        "prev.documents_vulnerability",
        "The plan will tackle debt, joblessness and the other conditions that make young migrants easy prey.",
        "tackle debt, joblessness and the other conditions that make",
    ),
    _fires("part.cooperation", "The ministry will engage tech companies to take down fake job posts.", "engage tech companies"),
    _fires("pros.court", "A child's recorded statement is admissible in court.", "admissible in court"),
    _fires("pros.enforcement_action", "Riau police name five suspects over the maids sent abroad.", "name five suspects"),
    _fires("pros.enforcement_action", "The inspector shall refer the case to the police.", "refer the case to the police"),
    _fires("pros.enforcement_action", "The agency director was declared a suspect on Monday.", "declared a suspect"),
    _fires("prot.rescue", "Officers may remove them to safety at once.", "remove them to safety"),
    _fires(
        "prev.migration_recruitment",
        "Platforms will take down fraudulent job adverts within a day.",
        "take down fraudulent job adverts",
    ),
    _fires(
        "prev.migration_recruitment", "The two states signed a bilateral labour agreement in May.", "bilateral labour agreement"
    ),
    _fires("prev.training_public", "The ministry trained 8,000 physicians and paramedics.", "trained 8,000 physicians"),
    _fires("prev.recognise_signs", "Drivers learn to spot trafficking at truck stops.", "spot trafficking"),
    _fires("prot.referral", "Agencies will share one set of referral procedures.", "referral procedures"),
    _fires("prot.assistance", "Social workers will place the children in care tonight.", "place the children in care"),
    _fires("part.cooperation", "The firms joined a multi-stakeholder pledge on fair hiring.", "multi-stakeholder"),
    _fires(
        "part.cooperation_strong",
        "Two survivors were appointed to the national task force.",
        "survivors were appointed to the national task force",
    ),
    # session 41: gaps found on five more held-out sets (Mekong news, instrument clauses, action-plan bullets, agency
    # releases) written from THEMES.md alone
    _fires(
        "pros.court",
        "The bill ends the statute of limitations for child trafficking offences.",
        "statute of limitations",
    ),
    _fires("pros.court", "No prosecution for trafficking shall ever become time-barred.", "time-barred"),
    _fires(
        "pros.arrest_raid",
        "An inspector may enter and search a boarding house where forced labour is suspected.",
        "enter and search",
    ),
    _fires("pros.arrest_raid", "Agents served a search warrant on the nail salon at dawn.", "search warrant"),
    _fires(
        "prot.rights_remedies",
        "The plan promises to protect witnesses who give evidence against their recruiters.",
        "protect witnesses",
    ),
    _fires("prot.assistance", "Each returned girl is paired with a caseworker in her home district.", "caseworker"),
    _fires(
        "part.joint_bodies",
        "A panel of people with lived experience of forced labour will advise the ministry.",
        "panel of people with lived experience",
    ),
    _fires(
        "part.joint_bodies",
        "The ministry will form a lived experience advisory board next spring.",
        "lived experience advisory board",
    ),
    _fires(
        "part.joint_bodies",
        "The hub brings together police, labour inspectors and child welfare staff under one roof.",
        "brings together police, labour inspectors and child welfare staff under one roof",
    ),
    _fires(
        "part.cooperation_strong",
        "The two states shall assist each other in locating the proceeds of trafficking.",
        "assist each other",
    ),
    _fires(
        "part.cooperation",
        "The receiving Party shall confirm the nationality of the returnee within thirty days.",
        "receiving party",
    ),
    _fires(
        "part.cooperation",
        "A company based in ten countries joined the national business network against forced labour.",
        "business network",
    ),
    _fires(
        "rel.scam_captivity",
        "Nearly 2,000 Kenyans are thought to be stuck in fraud compounds on the Thai-Myanmar border.",
        "stuck in fraud compounds",
    ),
    _fires(
        "rel.scam_captivity",
        "The syndicate kept the young recruits captive behind razor wire.",
        "kept the young recruits captive",
    ),
    _fires("rel.sold_person", "Her stepfather sold her to a widower in the next valley.", "sold her to a widower"),
    _fires(
        "rel.sexual_exploitation",
        "The couple recruited Ugandan women as escorts for clubs in Muscat.",
        "recruited ugandan women as escorts",
    ),
    _fires(
        "prev.migration_recruitment",
        "Websites must take down listings tied to forced labour once police flag them.",
        "take down listings tied to forced labour",
    ),
    # session 41, second pass (a blind mixed set): statutes' offence wording, places of safety, partners at the other
    # end of a migration route, unions, joint inspections, disaggregated data, people taken off boats and trains
    _fires("pros.court", "A recruiter who keeps a worker's passport commits an offence.", "commits an offence"),
    _fires(
        "pros.court",
        "Whoever arranges the sale of a kidney is liable on conviction to a fine and to prison.",
        "liable on conviction",
    ),
    _fires("prot.shelter", "The girls were placed in a place of safety run by the county.", "place of safety"),
    _fires(
        "part.cooperation",
        "The ministry will sign return protocols with the largest countries of destination.",
        "with the largest countries of destination",
    ),
    _fires("part.cooperation", "The labour office will work with trade unions on the farms.", "with trade unions"),
    _fires(
        "part.cooperation_strong",
        "Police and labour officers ran joint inspections of forty fishing boats.",
        "joint inspections",
    ),
    _fires(
        "prev.research_data",
        "Publish figures on identified victims, disaggregated by age and nationality.",
        "disaggregated by",
    ),
    _fires(
        "prot.rescue",
        "Officers took nine boys off a bus headed for the quarries and workshops.",
        "took nine boys off a bus",
    ),
    _fires("prot.rescue", "Six fishermen were taken off the trawler at Benoa port.", "fishermen were taken off the trawler"),
    _fires(
        "prev.migration_recruitment",
        "The platform will remove ads linked to scam centres within an hour.",
        "remove ads linked to scam centres",
    ),
    # session 41, third pass (a second blind set): debt bondage told as people held over a debt, import bans in
    # customs drafting, non-punishment in plans' words, data to inform policy, banks and platforms as partners
    _fires(
        "rel.exploitation_indicators",
        "At the quarry the brothers were kept for a decade over a debt of 40,000 rupees.",
        "kept for a decade over a debt",
    ),
    _fires(
        "prev.forced_labour_goods",
        "Entry of any merchandise harvested, even in part, by convict or forced labour is barred.",
        "entry of any merchandise harvested, even in part, by convict or forced labour",
    ),
    _fires(
        "prot.rights_remedies",
        "Survivors should never be treated as criminals because of their exploitation.",
        "treated as criminals",
    ),
    _fires(
        "prot.rights_remedies",
        "No girl will be fined for offences they were compelled to commit by the gang.",
        "offences they were compelled to commit",
    ),
    _fires("prev.research_data", "The ministry will survey returnees every two years to inform policy.", "to inform policy"),
    # session 43: police naming suspects and the headline 'held'; unit acronyms; court awards to victims; South Asian
    # shelters; children returned to their families; testimony that spares the victim; cases registered; deployment
    # suspended; street theatre; months without landing; broken promises and travel debts; bodies working together
    _fires(
        "pros.suspects_named",
        "Riau police named the boat owner and his foreman as suspects on Monday.",
        "named the boat owner and his foreman as suspects",
    ),
    _fires("pros.suspects_named", "Seven suspects named by Sabah police remain at large.", "suspects named by sabah police"),
    _fires("pros.suspects_named", "Recruiter held at Tribhuvan airport with six women bound for the Gulf", "recruiter held"),
    _fires("pros.police_unit_acronyms", "The AHTU of Ranchi rescued four girls from a placement agency in Delhi.", "ahtu"),
    _fires(
        "prot.court_award",
        "The judge ordered the factory owner to pay 900,000 rupees in back wages to the freed workers.",
        "ordered the factory owner to pay 900,000 rupees in back wages",
    ),
    _fires(
        "prot.court_award",
        "The tribunal ordered the agent to pay each of the three women 200,000 pesos.",
        "ordered the agent to pay each of the three women",
    ),
    _fires("prot.shelter", "The girls were moved to a protective home in Kolkata.", "protective home"),
    _fires(
        "prot.repatriation_reintegration",
        "After questioning, the boys were returned to their families in Kurigram.",
        "returned to their families",
    ),
    _fires(
        "prot.assistance",
        "Prosecutors took the girl's statement in a child-friendly interview room.",
        "child-friendly interview",
    ),
    _fires(
        "pros.court",
        "Police registered a case against the placement agent under the anti-trafficking law.",
        "registered a case against",
    ),
    _fires(
        "prev.migration_recruitment",
        "The ministry suspended the deployment of housemaids to two Gulf states.",
        "suspended the deployment",
    ),
    _fires(
        "prev.recognise_signs",
        "Volunteers put on street theatre about fake job offers in twelve villages.",
        "street theatre",
    ),
    _fires("rel.exploitation_indicators", "For two years the crew never touched land.", "never touched land"),
    _fires(
        "rel.broken_promise",
        "A recruiter promised her a job as a waitress in Dubai. Instead she was locked in a flat and sold to clients.",
        "promised her a job as a waitress in dubai. instead",
    ),
    _fires(
        "rel.broken_promise",
        "He was told he owed 3,000 dollars for his passage and could not leave until it was paid.",
        "told he owed",
    ),
    _fires("rel.broken_promise", "She owes her sponsor 900 euros for the journey.", "owes her sponsor 900 euros for the journey"),
    # a body named in capitals as the partner of 'together with'; investigators worked beside
    _fires(
        "part.working_with",
        "The county council, together with the Regional Labour Office, will inspect the brick kilns.",
        "together with the regional labour office",
    ),
    _fires(
        "part.working_with",
        "Dutch detectives work alongside Nigerian investigators in Benin City.",
        "work alongside nigerian investigators",
    ),
    # an investigation carried out or built with another force
    _fires(
        "part.working_with",
        "The eight-month probe, carried out with Lagos and Delta police, ended in six arrests.",
        "probe, carried out with lagos and delta police",
    ),
    _fires(
        "part.working_with",
        "Prosecutors said the case was built with Moldovan investigators over two years.",
        "case was built with moldovan investigators",
    ),
    _fires(
        "part.working_with",
        "The shelter will work with the Department of Social Welfare to trace families.",
        "work with the department",
    ),
    _fires(
        "part.working_with",
        "Outreach workers operate alongside labour inspectors at the port.",
        "operate alongside labour inspectors",
    ),
    _fires(
        "part.working_with",
        "The hotel chain designed the staff course with an anti-trafficking charity.",
        "designed the staff course with an anti-trafficking charity",
    ),
    _fires(
        "part.working_with",
        "The unit worked with Thai and Malaysian police to find the missing men.",
        "worked with thai and malaysian police",
    ),
    # session 43: the consent of a victim named with an adjective ('a trafficked child') is no defence either; a victim
    # referred to a shelter still votes (its look-alike, a legal cross-reference, is in EXCLUDED)
    _fires(
        "pros.criminal_offence",
        "The consent of a trafficked child to the exploitation shall be irrelevant.",
        "consent of a trafficked child to the exploitation shall be irrelevant",
    ),
    _fires("prot.referral", "Police referred to the shelter all 12 women found in the flat.", "referred to"),
    # session 43: police forces by their own names, people stopped before they are trafficked, the verb 'traffic' with
    # 'human beings'
    # session 43: two patterns whose verbs were missing from their rules' triggers, so they never ran
    _fires(
        "prev.public_warning",
        "The ministry urges families not to take jobs offered through Facebook groups.",
        "urges families not to take",
    ),
    _fires(
        "pros.case_counts",
        "The government initiated a prosecution against the recruiter last year.",
        "initiated a prosecution",
    ),
    # session 43: people received from the other country's officials
    _fires(
        "part.cross_border_handover",
        "Border police in Tachileik received 58 people handed over by Thai authorities on Friday.",
        "58 people handed over by thai authorities",
    ),
    # session 43: cash paid to poor households to keep children in school, and the sponsorship system reformed
    _fires(
        "prev.documents_vulnerability",
        "Families in the border districts receive cash transfers as long as their daughters stay in school.",
        "cash transfers",
    ),
    _fires(
        "prev.migration_recruitment",
        "Rights groups say last year's sponsorship reform still ties maids to their employers.",
        "sponsorship reform",
    ),
    _fires("pros.investigation_police", "Gardaí searched two houses in Limerick on Tuesday.", "gardaí"),
    _fires("pros.police_unit_acronyms", "NBI agents arrested the woman at her home in Cavite.", "nbi"),
    _fires(
        "prev.departure_screening",
        "Volunteers at the crossing stopped nine girls from being trafficked last month.",
        "from being trafficked",
    ),
    _fires(
        "rel.human_trafficking",
        "The ministers vowed to break up the gangs that traffic human beings across the sea.",
        "traffic human beings",
    ),
]


@pytest.mark.parametrize(("rule", "text", "matched"), FIRES)
def test_rule_fires_on_its_example(pack: RuleSet, rule: str, text: str, matched: str) -> None:
    assert (rule, matched) in _pairs(pack.match(text))


def _vetoed(rule: str, text: str, word: str):  # type: ignore[no-untyped-def]
    return pytest.param(rule, text, word, id=f"{rule}:not:{word.replace(' ', '_')}")


# (rule, look-alike text, the keyword match that the rule's exclusions must veto, lower-cased)
EXCLUDED = [
    # session 43: influence peddling is no trade in people
    _vetoed(
        "rel.trafficking_generic",
        "The former mayor was charged with trafficking in influence over building permits.",
        "trafficking",
    ),
    # session 43: horns trafficked are wildlife goods
    _vetoed(
        "rel.trafficking_generic",
        "Rangers said the poachers belonged to a ring trafficking horns to buyers across the border.",
        "trafficking",
    ),
    # session 43: legal drafting's cross-references and names are no victim referral
    _vetoed(
        "prot.referral",
        "Each State shall take the measures referred to in section 7 within one year.",
        "referred to",
    ),
    _vetoed("prot.referral", "The practice is often referred to as modern slavery.", "referred to"),
    # session 43: brokers working with officials are complicity; the dead returned to their families are no victims helped
    _vetoed(
        "part.working_with",
        "The brokers worked with the Immigration Department clerks who stamped the fake visas.",
        "worked with the immigration department",
    ),
    _vetoed(
        "prot.repatriation_reintegration",
        "The remains of the two fishermen were returned to their families for burial.",
        "returned to their families",
    ),
    # session 37: criminals working together or across borders are no partnership against trafficking
    _vetoed("part.cooperation", "Cross-border trafficking of children worries officials in both provinces.", "cross-border"),
    _vetoed("part.cooperation", "Trafficking networks recruit online across the region.", "networks"),
    _vetoed("part.cooperation", "Police say international crime rings lure job seekers to Dubai.", "international"),
    _vetoed("part.cooperation", "Recruiters who cooperate with brokers abroad took the passports.", "cooperate"),
    _vetoed("part.cooperation", "Guards who cooperated with traffickers were paid per head.", "cooperated"),
    _vetoed("part.cooperation_strong", "The traffickers work in partnership with corrupt guards.", "in partnership with"),
    _vetoed("part.cooperation_strong", "Casino staff partnered with crime syndicates to move women.", "partnered with"),
    # session 36: an operation against drug, arms or wildlife trafficking
    _vetoed(
        "rel.trafficking_operation",
        "Customs held two sailors as part of a cocaine trafficking investigation in the port.",
        "as part of a cocaine trafficking investigation",
    ),
    # session 33: small arms are goods
    _vetoed(
        "rel.trafficking_generic", "The treaty targets the illicit trafficking in small arms and light weapons.", "trafficking"
    ),
    # session 32: a drug haul weighed in one token ('4kg', '2.4kg') is still goods, and syabu a drug
    _vetoed(
        "rel.trafficking_generic",
        "The lorry driver was jailed for trafficking 4kg of syabu under the Dangerous Drugs Act.",
        "trafficking",
    ),
    _vetoed("rel.trafficking_generic", "He was found guilty of trafficking 2.4kg of cannabis in Klang.", "trafficking"),
    _vetoed("rel.trafficking_generic", "Police arrested two men for ganja trafficking in Odisha.", "trafficking"),
    # session 32: in an all-capitals headline GRETA is a first name
    _vetoed("rel.national_bodies", "GRETA THUNBERG JOINS CLIMATE PROTEST IN STOCKHOLM", "greta"),
    # session 32: company accounts are not data shared between partners
    _vetoed("part.cooperation", "Per share data reflect the two-for-one stock split.", "share data"),
    # session 32: 'International' closing one NGO's name is no cooperation
    _vetoed("part.cooperation", "Mercy Relief International has opened a home in Battambang.", "international"),
    # session 31: assistance between states is not assistance to victims
    _vetoed(
        "prot.assistance",
        "The ministry asked donors for technical assistance to draft its new anti-trafficking law.",
        "assistance",
    ),
    _vetoed(
        "prot.assistance",
        "The bill authorises assistance to foreign governments that train border police.",
        "assistance",
    ),
    # session 31: victims punished for what they were made to do are a protection failure, not a prosecution
    _vetoed(
        "pros.court",
        "Some victims were prosecuted for using forged passports that their traffickers had supplied.",
        "prosecuted",
    ),
    # relatives who go along with exploitation are part of the problem, not official complicity
    _vetoed(
        "pros.complicity",
        "Children herd cattle for no pay, often with the complicity of their parents.",
        "complicity",
    ),
    _vetoed(
        "pros.complicity",
        "Aid workers said families were often complicit in sending girls to the city.",
        "complicit",
    ),
    # session 37: the EU as the place where victims are found is no actor
    _vetoed(
        "part.acronyms_case_sensitive",
        "Many trafficked Romanians end up working on farms in the EU for almost nothing.",
        "eu",
    ),
    # session 37: the same said as a list, an adjective or a possessive, and 'corrupt' said of people who are no officials
    _vetoed(
        "pros.complicity",
        "In the hill villages parents, neighbours and friends are sometimes complicit in selling girls.",
        "complicit",
    ),
    _vetoed("pros.complicity", "Brokers find brides through complicit relatives in poor districts.", "complicit"),
    _vetoed("pros.complicity", "Boys are sent to work on boats with their families' complicity.", "complicity"),
    _vetoed("pros.complicity", "Children in the capital are made to beg by corrupt Quranic teachers.", "corrupt"),
    # workers' papers taken by their employer
    _vetoed(
        "pros.assets",
        "Women recruited for hotel jobs later had their papers confiscated by the bar owner.",
        "confiscated",
    ),
    # session 31: money charged to workers is not a criminal charge
    _vetoed(
        "pros.court",
        "The brokers charged each worker illegal fees of up to 4,000 dollars for a factory job.",
        "charged",
    ),
    _vetoed(
        "pros.court",
        "The women kept a tenth of what the customers were charged and owed the rest for rent.",
        "charged",
    ),
    # session 31: UK court orders named for what they prevent are penalties, not prevention
    _vetoed(
        "prev.prevention_topic",
        "On release he will be bound by a Slavery and Trafficking Prevention Order for seven years.",
        "trafficking prevention",
    ),
    _vetoed(
        "prev.prevent_word",
        "The judge also made a Sexual Harm Prevention Order and put him on the register.",
        "prevention",
    ),
    # session 31: a treaty article naming its own treaty is no agreement between parties
    _vetoed(
        "part.agreements",
        "Each Party shall make the offences set out in this Convention punishable by prison terms.",
        "convention",
    ),
    # session 31: a film is screened to an audience, not people screened for trafficking
    _vetoed(
        "prot.identification",
        "The parish hall hosts a documentary screening on forced labour in fishing next Friday.",
        "screening",
    ),
    _vetoed(
        "prot.identification",
        "Students organised a screening of the new film about girls sold into brothels.",
        "screening",
    ),
    # an employer taking passports or pay is a sign of forced labour, not a seizure of criminal assets
    _vetoed(
        "pros.assets",
        "The agency confiscated their passports on arrival and kept back half of every month's pay.",
        "confiscated",
    ),
    _vetoed(
        "pros.assets",
        "Many of the maids said their passports were confiscated by the families they worked for.",
        "confiscated",
    ),
    # a fare home that people lack describes being stranded, not repatriation
    _vetoed(
        "prot.repatriation_reintegration",
        "Left with no ticket home, the boys slept in a bus shelter for weeks.",
        "ticket home",
    ),
    # an international airport or checkpoint is a place, not cooperation
    _vetoed(
        "part.cooperation",
        "The 60 women landed at Suvarnabhumi International Airport late on Sunday.",
        "international",
    ),
    # survivors clearing convictions from their records is non-punishment (prot.rights_remedies), not a court case
    _vetoed(
        "pros.court",
        "The measure would let trafficking survivors expunge prostitution convictions from their records.",
        "convictions",
    ),
    # prot.shelter: the Philippine police unit named after who it protects is not a shelter
    # prot.shelter: housing that comes with the job is not a shelter
    _vetoed(
        "prot.shelter",
        "Inspectors will check employer-provided accommodation on every farm in the scheme.",
        "provided accommodation",
    ),
    _vetoed(
        "prot.shelter",
        "Agents of the Women and Children Protection Center arrested the couple in Lapu-Lapu.",
        "protection center",
    ),
    # the dead brought home, and people kept from going home, are not victims returned
    _vetoed(
        "prot.repatriation_reintegration",
        "The bodies of 40 migrant workers from the province were flown home from Sabah last year.",
        "flown home",
    ),
    _vetoed(
        "prot.repatriation_reintegration",
        "Families paid for the repatriation of the bodies of three fishermen who died at sea.",
        "repatriation",
    ),
    _vetoed(
        "prot.repatriation_reintegration", "Brides sold across the border are often kept from returning home.", "returning home"
    ),
    # part.cross_border_handover: an offender handed to another country's police is not a victim going home
    _vetoed(
        "part.cross_border_handover",
        "The two suspects were handed over to Lao authorities at the bridge on Monday.",
        "handed over to lao authorities",
    ),
    _vetoed(
        "part.cross_border_handover",
        "Immigration officers handed the fugitive back to Chinese authorities in Mohan.",
        "handed the fugitive back to chinese authorities",
    ),
    # a law against trafficking in guns is not a law against trafficking in people
    _vetoed(
        "pros.law_change",
        "Congress passed the first federal gun trafficking law that year.",
        "passed the first federal gun trafficking law",
    ),
    # a regional body's plan of action is cooperation between countries, not one government's national plan
    _vetoed(
        "prev.action_plan",
        "Officials of the six COMMIT countries reviewed the Sub-regional Plan of Action in Hanoi.",
        "plan of action",
    ),
    # a joint operation against drugs or arms is not one against trafficking in persons
    _vetoed(
        "pros.joint_enforcement",
        "Thai and Lao police mounted a joint operation that seized 2 million methamphetamine pills.",
        "joint operation",
    ),
    # the exploitation of things, not people
    _vetoed("rel.exploitation_words", "The court halted the exploitation of riverbeds for sand.", "exploitation"),
    _vetoed("rel.exploitation_words", "Investors bid for licences for offshore gas exploitation.", "exploitation"),
    # an all-capitals headline: COMMIT is the verb
    _vetoed("rel.national_bodies", "POLICE CHIEFS COMMIT TO NEW PATROLS IN RIVER TOWNS", "commit"),
    # victims found in or coming from a country: a profile, not identification work
    _vetoed(
        "prot.identification",
        "Victims of forced labour have been identified in Poland, Italy and Spain, the profile says.",
        "victims of forced labour have been identified",
    ),
    # a venue on fire or collapsing: the rescue is from the disaster, however it is told
    _vetoed(
        "rel.venue_rescue",
        "Twenty guests were rescued from a karaoke bar after a fire broke out in the kitchen.",
        "rescued from a karaoke bar",
    ),
    _vetoed(
        "rel.venue_rescue",
        "Firefighters rescued eight staff from a nightclub on Beach Road early on Sunday.",
        "rescued eight staff from a nightclub",
    ),
    # removal of migrants is not a victim's return; a boss threatening dismissal is not repatriation
    _vetoed(
        "prot.repatriation_reintegration",
        "The interior minister promised faster return of undocumented Vietnamese nationals after the raids.",
        "return of undocumented vietnamese nationals",
    ),
    _vetoed(
        "prot.repatriation_reintegration",
        "Pickers said the farm manager threatened to dock their pay or send them home early.",
        "send them home",
    ),
    # the enslaved of history: a marker (museum, Juneteenth, a date before 1900, Africans) in the same sentence
    _vetoed(
        "rel.forced_labour",
        "A new gallery at the harbour museum in Bristol tells the stories of people enslaved on Caribbean estates.",
        "enslaved",
    ),
    _vetoed("rel.forced_labour", "Records show 240 people were enslaved on the Virginia estate in 1820.", "enslaved"),
    # the abolitionists of history: an anti-slavery society of the 1830s is no trafficking news
    _vetoed("rel.forced_labour", "The town hall hosted meetings of an anti-slavery society in 1833.", "anti-slavery"),
    _vetoed("rel.forced_labour", "Museums in Hull mark the anti-slavery campaigns of William Wilberforce.", "anti-slavery"),
    # NGOs acting alone, "without government funding", are not cooperating with anyone
    _vetoed("part.cooperation", "Two NGOs in Mombasa still run the only shelter for boys, without any state funding.", "ngos"),
    _vetoed("part.cooperation", "Church groups and NGOs, which received no government support, ran both shelters.", "ngos"),
    # a task force credited in a press release is the investigator, not agencies coordinating
    _vetoed(
        "part.cooperation",
        "The prosecutor commended the FBI field office and the Tri-County Child Exploitation Task Force for the arrest.",
        "task force",
    ),
    _vetoed("part.cooperation", "The case was investigated by the state police Human Trafficking Task Force.", "task force"),
    # a task force's proper name names the unit that acts, as a police department's name does
    _vetoed(
        "part.cooperation",
        "Detectives from the Riverside County Anti-Trafficking Task Force arrested two men at a motel.",
        "task force",
    ),
    _vetoed("part.cooperation", "The Lakeshore Human Trafficking Task Force said six men were charged.", "task force"),
    _vetoed("part.funding_assistance", "The drop-in centre in Cebu has operated with no funding since March.", "funding"),
    # forced criminality is what scam-compound victims suffer, not a word of criminal law
    _vetoed("pros.law", "Survivors described months of forced criminality in a compound near Sihanoukville.", "criminality"),
    _vetoed(
        "prev.prevention_topic",
        "Police chiefs in Tak spoke about combating and preventing human trafficking along the border.",
        "preventing human trafficking",
    ),
    # a meeting "held for" trafficking experts is not an arrest
    _vetoed(
        "pros.held_for_trafficking",
        "A two-day workshop was held for trafficking investigators in Kigali.",
        "held for trafficking",
    ),
    # drug, arms, wildlife, timber ... trafficking is not human trafficking
    _vetoed(
        "rel.human_trafficking", "Drug trafficking-related violence killed dozens in Sinaloa, Mexico.", "trafficking-related"
    ),
    _vetoed(
        "rel.human_trafficking", "Weapons trafficking-related arrests rose along the border with Ukraine.", "trafficking-related"
    ),
    _vetoed(
        "rel.human_trafficking", "The anti-trafficking in narcotics squad seized heroin at Karachi port.", "anti-trafficking"
    ),
    _vetoed(
        "rel.human_trafficking", "Customs launched a counter-trafficking of firearms unit in Sarajevo.", "counter-trafficking"
    ),
    _vetoed("rel.trafficking_generic", "Police in Medellin detained three men for cocaine trafficking.", "trafficking"),
    # the river and its delta are places, not the Mekong countries' cooperation
    _vetoed("part.regional_bodies", "Rice growers in the Mekong Delta expect a smaller harvest this year.", "mekong"),
    _vetoed("part.regional_bodies", "Cargo boats moving along the Mekong slowed in the dry season.", "mekong"),
    # rescuers freeing people from a collapse are not a rescue from exploitation
    _vetoed("prot.rescue", "Firefighters free three men trapped in a lift in Leeds.", "free three men"),
    _vetoed("rel.trafficking_generic", "A court in Manila heard the case against an alleged drug trafficker.", "trafficker"),
    _vetoed("rel.trafficking_generic", "Rangers in Mozambique caught two suspects in ivory trafficking.", "trafficking"),
    _vetoed("rel.trafficking_generic", "Illegal timber trafficking is stripping forests in Madagascar.", "trafficking"),
    _vetoed("rel.trafficking_generic", "The gang ran arms trafficking routes through the Sahel.", "trafficking"),
    _vetoed("rel.trafficking_generic", "Fuel trafficking across the border with Benin cost Nigeria millions.", "trafficking"),
    _vetoed("rel.trafficking_generic", "Two men in Lagos were charged with trafficking of pangolins.", "trafficking"),
    _vetoed("rel.trafficking_generic", "Vietnamese customs accused the crew of trafficking in illegal wildlife.", "trafficking"),
    _vetoed(
        "rel.trafficking_generic", "A Dutch lorry driver was jailed for trafficking 400 kilograms of cannabis.", "trafficking"
    ),
    # the British spelling of the weight: 'trafficking 8 kilogrammes of ivory'
    _vetoed("rel.trafficking_generic", "Two men were jailed in Harare for trafficking 8 kilogrammes of ivory.", "trafficking"),
    _vetoed("rel.trafficking_generic", "He admitted trafficking nearly two million pills into Bangladesh.", "trafficking"),
    _vetoed(
        "rel.trafficking_generic", "Forest rangers in Sumatra caught a man trafficking songbirds and slow lorises.", "trafficking"
    ),
    _vetoed(
        "rel.trafficking_generic",
        "Border police in Mae Sai arrested a couple for trafficking 30,000 yaba tablets.",
        "trafficking",
    ),
    _vetoed("rel.trafficking_generic", "Tiger parts traffickers were sentenced in Hanoi on Friday.", "traffickers"),
    _vetoed(
        "rel.trafficking_generic", "Patrols on the Mekong target ketamine trafficking from the Golden Triangle.", "trafficking"
    ),
    _vetoed(
        "rel.trafficking_generic",
        "Anti-narcotics police in Shan State burned seized heroin and said more traffickers would be caught.",
        "traffickers",
    ),
    # screening job ads is prevention; only screening people identifies victims
    _vetoed(
        "prot.identification",
        "The recruitment website will screen all job ads for signs of trafficking from March.",
        "screen all job ads for signs of trafficking",
    ),
    # the verb "commit" in an all-capitals headline is not the Mekong COMMIT process
    _vetoed("part.acronyms_case_sensitive", "MINISTER PLEDGES TO COMMIT NEW FUNDS TO SHELTERS", "commit"),
    # two parties of one parliament agreeing is politics, not cooperation between countries
    _vetoed(
        "part.bilateral_talks",
        "Labour and Conservative ministers met to settle the wording of the modern slavery bill.",
        "labour and conservative ministers met",
    ),
    # a bare "trafficking" in a unit that names the goods as trafficked, before or after it
    _vetoed(
        "rel.trafficking_generic",
        "Traffic stop near Macon ends in trafficking arrest. Deputies say the driver was carrying 40 pounds of "
        "marijuana and charged him with drug possession.",
        "trafficking",
    ),
    _vetoed(
        "rel.trafficking_generic",
        "Detectives in Tulsa broke up a gun trafficking ring. The trafficking suspects face federal charges.",
        "trafficking",
    ),
    # sports courts, food courts, political courting, prison breaks
    _vetoed("rel.forced_labour", "Office staff were forced to work from home during the lockdown.", "forced to work"),
    _vetoed("rel.forced_labour", "Junior doctors say they are made to work overtime without notice.", "made to work"),
    _vetoed("pros.court", "A fire broke out in the food court of a shopping mall in Quezon City.", "court"),
    _vetoed("pros.court", "The ruling party courted voters in rural Kenya ahead of the election.", "courted"),
    _vetoed("pros.court", "The city of Auckland is building a new basketball court near the harbour.", "court"),
    _vetoed("pros.court", "She looked relaxed on court throughout the final in Melbourne.", "court"),
    _vetoed("pros.court", "Haitian officials said 40 inmates escaped in a prison break overnight.", "prison"),
    # disaster rescue and financial rescues
    _vetoed("prot.rescue", "The government approved a rescue package for the national airline in Italy.", "rescue"),
    _vetoed("prot.rescue", "Earthquake rescue teams searched the rubble in southern Turkey.", "rescue"),
    _vetoed("prot.rescue", "Flood rescue boats reached villages in Assam on Sunday.", "rescue"),
    _vetoed("prot.rescue", "Fire brigade rescue crews were called to the tower block in London.", "rescue"),
    _vetoed("prot.rescue", "Firefighters rescued 12 residents from a burning block in Johannesburg.", "rescued"),
    _vetoed("prot.rescue", "Villagers were rescued from the flood waters near Sylhet by army boats.", "rescued"),
    # courtesy calls, football penalties, economic recovery
    _vetoed("pros.court", "The ambassador paid a courtesy call on the Lao foreign minister.", "courtesy"),
    _vetoed("pros.court", "Ghana won a penalty kick in stoppage time against Mali.", "penalty"),
    _vetoed("pros.court", "The goalkeeper saved a penalty to keep Fiji in the match.", "penalty"),
    _vetoed("prot.assistance", "Exports drove the economic recovery in Vietnam last year.", "recovery"),
    _vetoed("prot.assistance", "Analysts expect a recovery in demand for rubber from China.", "recovery"),
    # films and walks about drug or wildlife trafficking are not about trafficking in persons
    _vetoed(
        "prev.awareness_events",
        "The documentary about cocaine trafficking in Colombia won a prize.",
        "documentary about cocaine trafficking",
    ),
    _vetoed(
        "prev.awareness_events",
        "Rangers led a walk against ivory trafficking through the park.",
        "walk against ivory trafficking",
    ),
    # services for victims of other crimes, and "services" that exploit victims
    _vetoed(
        "prot.services_for_victims",
        "The scheme links crime victims with counselling at every police station in Leeds.",
        "victims with counselling",
    ),
    _vetoed(
        "prot.services_for_victims", "The victims were sold to escort services in Manila.", "victims were sold to escort services"
    ),
    _vetoed(
        "prot.services_for_victims", "Red Cross teams in Sylhet helped flood victims rebuild their homes.", "helped flood victims"
    ),
    # money that is lacking is not a donor partnership
    _vetoed("part.funding_assistance", "The shelter in Phnom Penh has run for two years without government funding.", "funding"),
    _vetoed("part.funding_assistance", "State funding for the two shelters in Kandal province fell by a third.", "funding"),
    # organ and blood donors are not donors of money
    # session 37: agencies as the ones who abuse, lure or target people describe the problem (prev.migration_recruitment)
    _vetoed(
        "prev.migration_recruitment",
        "Cleaners sent to Gulf households were cheated and beaten by the employment agencies that placed them.",
        "employment agencies",
    ),
    _vetoed(
        "prev.migration_recruitment",
        "Unregistered recruitment agencies in the capital target jobless graduates online.",
        "recruitment agencies",
    ),
    # recruiters as the ones who lure, target or force people, traffickers posing as recruiters, and the fees recruiters
    # take describe the problem too (prev.migration_recruitment)
    _vetoed(
        "prev.migration_recruitment",
        "Burmese recruiters promise the boys work in canneries and then sell them to boat captains.",
        "recruiters",
    ),
    _vetoed("prev.migration_recruitment", "The gang's men pose online, acting as recruiters for hotels abroad.", "recruiters"),
    _vetoed("prev.migration_recruitment", "Pickers said the fees charged by recruiters took half their wages.", "recruiters"),
    # prev.migration_recruitment: inspectors freeing or finding exploited workers are rescuing them, not regulating migration
    _vetoed(
        "prev.migration_recruitment",
        "Labour inspectors freed 89 workers from slave-like conditions on a coffee farm.",
        "labour inspectors",
    ),
    # pros.court: victims kept out of criminal proceedings is non-punishment, protection in THEMES.md
    _vetoed("pros.court", "Trafficking victims will not be prosecuted for immigration offences under the new law.", "prosecuted"),
    _vetoed("pros.court", "The bill writes the non-punishment principle into law.", "punishment"),
    _vetoed("part.funding_assistance", "The ring paid kidney donors 500 dollars each in Nairobi.", "donors"),
    # event venues and diplomatic protocol
    _vetoed("part.agreements", "The trade fair opened at the convention centre in Kuala Lumpur.", "convention"),
    _vetoed("part.agreements", "A protocol officer greeted the delegation at the airport in Accra.", "protocol"),
    _vetoed("part.agreements", "Police set out the protocol for the visit of the Japanese prime minister.", "protocol"),
    # the prevention of something else named as a body's or a field's subject, and a '(Prevention) Act' criminal law
    _vetoed("prev.prevent_word", "The Centers for Disease Control and Prevention said flu cases rose in Ohio.", "prevention"),
    _vetoed(
        "prev.prevent_word",
        "Volunteers from the Society for the Prevention of Cruelty to Animals took in twelve dogs.",
        "prevention",
    ),
    _vetoed("prev.prevent_word", "Police booked the lodge owner under the Immoral Traffic (Prevention) Act.", "prevention"),
    # a government's own executive order, bill or decree is a law or policy, not an agreement with anyone
    _vetoed("part.agreements", "The governor signed an executive order on Tuesday creating a fund for shelters.", "signed an"),
    _vetoed("part.agreements", "The president signed a bill raising the penalty for forced labour to 15 years.", "signed a"),
    # a body cited only as the source of figures or findings is not cooperating with anyone
    _vetoed("part.regional_bodies", "About 50 million people live in modern slavery, according to the ILO.", "ilo"),
    _vetoed("part.regional_bodies", "UNODC data show that most detected victims are women and girls.", "unodc"),
    _vetoed("part.acronyms_case_sensitive", "According to UN estimates, 120,000 people are held in scam compounds.", "un"),
    _vetoed("part.acronyms_case_sensitive", "EU figures show 7,000 registered trafficking victims in member states.", "eu"),
    # ... nor the author of a report, nor a body 'reporting that'
    _vetoed("part.regional_bodies", "A recent report by the Council of Europe lists gaps in victim care.", "council of europe"),
    _vetoed("part.regional_bodies", "The ILO reported that forced labour had grown since 2016.", "ilo"),
    _vetoed("part.acronyms_case_sensitive", "A recent study by the EU counted 7,000 victims.", "eu"),
    _vetoed("part.acronyms_case_sensitive", "The UN reports that scam compounds hold thousands of people.", "un"),
    _vetoed(
        "part.cooperation",
        "With the International Labour Organization reporting that 28 million people are in forced labour, the bill has support.",
        "international",
    ),
    # the countries victims come from or go to, criminal groups across borders, and NGOs given nothing
    _vetoed(
        "part.cooperation", "Women from neighbouring countries are exploited in bars along the border.", "neighbouring countries"
    ),
    _vetoed("part.cooperation", "Transnational criminal organizations run the routes through the desert.", "transnational"),
    _vetoed("part.cooperation", "Police broke up a cross-border trafficking ring in Lao Cai.", "cross-border"),
    _vetoed("part.cooperation", "The ministry provided no funding to NGOs that ran the only shelters.", "ngos"),
    # workers sent abroad under a state's labour-export deals are the victims, not partners
    _vetoed(
        "part.agreements",
        "Workers were sent to logging camps under bilateral government arrangements and could not leave.",
        "bilateral",
    ),
    # 'suspects' the verb, not the people police are after
    _vetoed(
        "pros.investigation_police",
        "Anyone who knows or suspects that a worker is held against her will must call the hotline.",
        "suspects",
    ),
    # a campaign's public face is no diplomat
    _vetoed("part.cooperation", "A pop singer was named goodwill ambassador of the hotline campaign.", "ambassador"),
    # a visiting dignitary learning about a province's work is on a visit, not being taught
    _vetoed(
        "prev.awareness_events",
        "The Swiss ambassador learned about labour trafficking in the province on Monday.",
        "learned about labour trafficking",
    ),
    # a drive against drugs is not aimed at human trafficking
    _vetoed(
        "pros.enforcement_action",
        "Police are cracking down on drug trafficking near the harbour.",
        "police are cracking down on drug trafficking",
    ),
    # party and military coalitions and alliances, and Australia's Coalition
    _vetoed("part.cooperation", "The ruling coalition lost its majority in the June vote.", "coalition"),
    _vetoed("part.cooperation", "Polls show the Coalition gaining ground in Queensland.", "coalition"),
    # protecting victims from their traffickers is victim protection, not prevention
    _vetoed(
        "prev.prevention_topic",
        "The new witness law will protect victims from traffickers who threaten them.",
        "protect victims from traffickers",
    ),
    # session 39: the exploitation of a resource, named by how it is managed
    _vetoed("rel.exploitation_words", "The treaty governs the sustainable exploitation of deep-sea fish stocks.", "exploitation"),
    # session 40: a country's own working procedure is no agreement between parties
    _vetoed("part.agreements", "Victims are given shelter under the national referral protocol.", "protocol"),
    _vetoed("part.agreements", "Hospitals follow a protocol for screening patients who may be trafficked.", "protocol"),
    # session 40: 'grant' as a verb, or the grant of a permit, gives a right, not money; a victim's cooperation with
    # the police is a step in the case, not a partnership; a victim's T visa is no migration rule
    _vetoed("part.funding_assistance", "Each Party shall grant victims a recovery period.", "grant"),
    _vetoed("part.funding_assistance", "The grant of the permit does not depend on testimony.", "grant"),
    _vetoed("part.cooperation", "Victims may decide whether to cooperate with the police.", "cooperate"),
    _vetoed("prev.migration_recruitment", "The office approved 900 T visa applications last year.", "visa applications"),
    # session 40: NGOs cited as the source of a report
    _vetoed("part.cooperation", "NGOs reported that the shelters were full.", "ngos"),
    # session 41: a victim's cooperation with the police is a step in the case for the strong cooperation phrases too
    _vetoed(
        "part.cooperation_strong",
        "A residence permit is issued regardless of the victim's cooperation with law enforcement.",
        "cooperation with",
    ),
    _vetoed(
        "part.cooperation_strong",
        "Shelter places must never be conditional on their cooperation with the prosecutors.",
        "cooperation with",
    ),
]


def _without_exclusions(pack: RuleSet, name: str) -> Rule:
    (rule,) = [r for r in pack if r.name == name]
    return replace(rule, exclude=())


@pytest.mark.parametrize(("rule", "text", "word"), EXCLUDED)
def test_exclusion_vetoes_look_alike(pack: RuleSet, rule: str, text: str, word: str) -> None:
    # the rule's keywords do match the look-alike, so it is its exclusions that silence it
    assert (rule, word) in _pairs(RuleSet([_without_exclusions(pack, rule)]).match(text))
    assert [h for h in pack.match(text) if h.rule == rule] == []


def _exclusions_exercised(pack: RuleSet, rule: str, text: str, word: str) -> set[tuple[str, str]]:
    """The (rule, exclude pattern) pairs that veto ``word`` in ``text``."""
    (original,) = [r for r in pack if r.name == rule]
    hits = [h for h in RuleSet([_without_exclusions(pack, rule)]).match(text) if h.text.lower() == word]
    used = set()
    for pattern in original.exclude:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                used.add((rule, pattern))
    return used


# Texts on which whole families of rules must stay silent without any exclusion being
# needed: the rule words are absent even though the text looks similar.
LOOK_ALIKES = [
    # session 44: a raid carried out with police dogs names no second force, nor do suspects taken together with seized
    # phones; a seminar for officers, or on investigating cases, is their training, not public awareness; workers
    # paying off their own recruitment debts describe the bondage, and fees repaid to a lender are no restitution
    pytest.param(
        "partnership",
        "The two suspects were taken together with the seized phones to the Central Police Station.",
        id="suspects-taken-together-with-phones",
    ),
    pytest.param(
        "partnership",
        "The raid on the warehouse was carried out with the help of police dogs and a drone.",
        id="raid-with-police-dogs",
    ),
    pytest.param(
        "prevention",
        "The ministry ran a two-day seminar on trafficking for border police officers in Lao Cai.",
        id="seminar-for-border-police",
    ),
    pytest.param(
        "prevention",
        "Prosecutors from six provinces attended a seminar on investigating human trafficking cases online.",
        id="seminar-on-investigating-cases",
    ),
    pytest.param(
        "protection",
        "Managers docked half of each worker's wage to repay recruitment debts of about 4,000 dollars.",
        id="wages-docked-to-repay-recruitment-debts",
    ),
    pytest.param(
        "protection",
        "Most pickers must repay their recruitment fees to moneylenders in Kathmandu before they see any wages.",
        id="fees-repaid-to-moneylenders",
    ),
    # session 43: a man held hostage is the victim, not an arrest; a fine paid to the state is no award to victims; people
    # held together are no partners; a victim named in a story names no suspect
    pytest.param(
        "prosecution",
        "A man held hostage by kidnappers in the hills was freed after his family paid.",
        id="man-held-hostage",
    ),
    pytest.param("protection", "A court ordered the firm to pay a fine of two million baht.", id="fine-to-the-state"),
    pytest.param("partnership", "The men were held with other workers in a locked shed.", id="held-with-other-workers"),
    pytest.param(
        "prosecution",
        "The worker, named only as Lina, said she had been paid nothing for a year.",
        id="worker-named-only-as",
    ),
    # session 42: services a migrant gets in one office are no agencies joined; a country's weak border controls are a
    # risk, not a measure; a loophole exploited is no people exploited
    pytest.param(
        "partnership",
        "At the new office, job seekers get passports, medical checks and police clearance under one roof.",
        id="one-stop-services",
    ),
    pytest.param(
        "prevention",
        "Weak border controls and porous coastlines make the islands a transit point for cocaine.",
        id="weak-border-controls",
    ),
    pytest.param("relevance", "The firm exploited a loophole in the tax code for a decade.", id="loophole-exploited"),
    # session 41: a wedding's receiving party and a politician's other party are no treaty Parties; a siege's hostages
    # are no captive workers; an event that brings together 'leaders' is no task force
    pytest.param("partnership", "the groom's receiving party waited at the temple gate.", id="wedding-party"),
    pytest.param("partnership", "The mayor quit and joined another party in May.", id="political-party"),
    pytest.param("relevance", "The gunman held six customers hostage inside the bank for hours.", id="bank-hostages"),
    pytest.param(
        "partnership", "The festival brought together leaders, artists and officials from across the state.", id="festival"
    ),
    # shares held as collateral for a loan are no people held over a debt
    pytest.param("relevance", "The shares were held by the bank as collateral for a loan to the family firm.", id="collateral"),
    # a rank that is no claim about the crime's size, and drug trafficking ranked first
    pytest.param("relevance", "Drug smuggling is the most lucrative crime in the province, ahead of arms.", id="drug-rank"),
    # an organisation forced to change how it moves drugs is no person coerced into crime
    pytest.param("relevance", "Rival gangs forced the cartel to move its drug shipments through Honduras.", id="cartel-forced"),
    # a citation of another title's section 1101 is no T visa
    pytest.param(
        "relevance",
        "Colleges defined in section 502(a)(5) of the Act (20 U.S.C. 1101a(a)(5)) may apply for the grants.",
        id="other-section-1101",
    ),
    # who is at risk or vulnerable is a description of the problem, not a measure (prev.documents_vulnerability)
    pytest.param("prevention", "Migrant domestic workers are particularly at risk of forced labour.", id="at-risk-described"),
    pytest.param(
        "prevention", "Poverty and debt increase the vulnerability of girls to exploitation.", id="vulnerability-described"
    ),
    pytest.param("prevention", "The House Speaker spoke about drug trafficking at the border wall.", id="house-speaker"),
    # session 37: a band breaking up is no ring broken up
    pytest.param("prosecution", "The band broke up a year after their first album.", id="band-broke-up"),
    # session 34: recruiting children for sport or song, conscripting adults, forcing a team into a plan
    pytest.param("relevance", "The academy recruits boys aged 12 to 16 for its youth football teams.", id="youth-academy"),
    pytest.param("relevance", "The choir recruited children from four schools to sing in the cathedral.", id="choir-children"),
    pytest.param("relevance", "The army conscripted 20,000 adult men for a year of service.", id="adult-conscripts"),
    pytest.param("relevance", "The storm forced the council into a new flood plan.", id="council-forced-into-plan"),
    pytest.param("relevance", "Hackers exploited a flaw in the banking app to steal data.", id="software-flaw-exploited"),
    # prev.awareness: the awareness verbs only count when aimed at the crime
    pytest.param("prevention", "The spring fair shines a light on local makers and family farms.", id="spotlight-makers"),
    # case counts of health or hotline work are not law enforcement (pros.case_counts)
    pytest.param("prosecution", "Doctors detected 40 cases of measles in the district.", id="disease-cases"),
    pytest.param("prosecution", "Health workers discovered and treated 12 cases of malaria among returnees.", id="treated-cases"),
    pytest.param("prosecution", "The helpline handled 300 cases last month, most about housing.", id="helpline-cases"),
    pytest.param("relevance", "Heavy traffic on the highway into Nairobi delayed commuters for hours.", id="road-traffic"),
    # profiles name high-risk sectors to say where victims are found: no regulation of them (prev.migration_recruitment)
    pytest.param(
        "prevention",
        "Migrant labourers in risky industries like logging and quarrying are held in forced labour.",
        id="high-risk-sectors-described",
    ),
    # with the help of an interpreter or of relatives: no partner named (part.cooperation_strong)
    pytest.param(
        "partnership",
        "The officer explained the charges to the victim with the help of a trained interpreter.",
        id="interpreter-help",
    ),
    # part.foreign_funding: 'US' and 'UK' count only in capitals, so 'money from us' is no donor
    pytest.param("partnership", "The broker took the money from us and never came back.", id="money-from-us"),
    pytest.param("relevance", "Internet traffic through the data centre in Frankfurt doubled this year.", id="network-traffic"),
    pytest.param("relevance", "Human traffic through the main station in Mumbai peaks at 9 am.", id="human-traffic-crowds"),
    pytest.param("relevance", "Air traffic controllers in France went on strike on Thursday.", id="air-traffic"),
    # smuggling with no captivity or exploitation: rel.migrant_captivity ('held ... migrants') must not fire
    pytest.param(
        "relevance", "Agents stopped a van carrying nine migrants and held the driver on smuggling charges.", id="plain-smuggling"
    ),
    # nor do the smuggling words themselves vote (rel.exploitation_words, THEMES.md: smuggling counts only with
    # exploitation reported)
    pytest.param(
        "relevance",
        "Italian prosecutors broke up a ring suspected of migrant smuggling from Libya.",
        id="migrant-smuggling-ring",
    ),
    pytest.param(
        "relevance", "A people smuggler who ferried migrants across the Channel was jailed for six years.", id="people-smuggler"
    ),
    pytest.param(
        "partnership", "Ministers commit to building more schools and say the plan is un-costed.", id="lowercase-commit-un"
    ),
    # "recovered" as rescue needs people right after it, not any later word
    pytest.param(
        "protection", "Shares recovered as children went back to school and parents returned to work.", id="recovered-economy"
    ),
    pytest.param("protection", "Detectives recovered stolen phones from two teenagers in Leeds.", id="recovered-goods"),
    # "foreign" alone names workers or victims, not partners; "granted" is not a grant; fish are caught, not arrested
    pytest.param("partnership", "Foreign workers on the trawler said they had not been paid for a year.", id="foreign-workers"),
    pytest.param("partnership", "A judge in Madrid granted the women permission to stay.", id="granted-not-a-grant"),
    pytest.param("prosecution", "The tuna caught by the fleet was landed in Busan on Friday.", id="fish-caught"),
    # things sold to brides or for babies are not people sold (rel.sale_of_people)
    pytest.param("relevance", "The boutique sells silk wedding gowns to brides from across the province.", id="gowns-to-brides"),
    pytest.param("relevance", "She bought the baby clothes and a pram at a market in Hanoi.", id="baby-clothes"),
    pytest.param("relevance", "The chain sold infant formula and nappies at a discount in March.", id="infant-formula"),
    pytest.param("relevance", "She sold her house to a young family from Leeds in June.", id="sold-her-house"),
    pytest.param(
        "relevance", "Fans joked they would have to sell a kidney to afford the final's tickets.", id="sell-a-kidney-joke"
    ),
    pytest.param("relevance", "The bakery was sold to a family trust and then sold again in May.", id="business-sold-again"),
    pytest.param("relevance", "Kidnappers held the banker in a flat until his family paid a ransom.", id="kidnap-not-migrants"),
    pytest.param("relevance", "He wants to work off the holiday weight at the gym.", id="work-off-weight"),
    # rel.coercion_active: institutions made to act, staff made to work in a shutdown, work from home
    pytest.param("relevance", "The ruling forced the government to work out a new budget by March.", id="forced-government"),
    pytest.param("relevance", "The shutdown forced TSA employees to work without pay for five weeks.", id="shutdown-staff"),
    pytest.param("relevance", "The lockdown forced millions of office workers to work from home.", id="work-from-home"),
    pytest.param("relevance", "The new rota forced the nurses to work longer hours.", id="forced-longer-hours"),
    pytest.param("relevance", "Injuries forced the coach to play two teenagers in defence.", id="forced-to-play"),
    pytest.param("relevance", "The storm forced the couple into a motel for the night.", id="forced-into-motel"),
    pytest.param("relevance", "The fighting forced families from the border towns into crowded schools.", id="forced-from-towns"),
    # rel.scam_rescue: people rescued, not money recovered or a firm cleared
    pytest.param("relevance", "The bank returned money to customers from the fraud ring's accounts.", id="money-from-fraud-ring"),
    pytest.param("relevance", "The firm escaped from fraud charges after a long trial.", id="escaped-fraud-charges"),
    # prev.public_warning: a warning must reach traffickers, recruiters, scams or exploitation
    pytest.param("prevention", "The carmaker warned of lower profits as sales in China slowed.", id="warned-of-profits"),
    pytest.param("prevention", "New bail rules could harm defendants, lawyers warn.", id="headline-warn-no-scam"),
    # rel.national_bodies is case-sensitive: the Sichuan dish is not Malaysia's anti-trafficking council
    pytest.param("relevance", "The stall near Chengdu station sells mapo tofu until midnight.", id="mapo-tofu"),
    # people named Greta or Freeland are not the Council of Europe's GRETA nor the Freeland Foundation
    pytest.param("partnership", "Greta Gerwig's new film opened in Seoul on Friday.", id="greta-a-name"),
    pytest.param("partnership", "Canada's finance minister, Chrystia Freeland, met bankers in Toronto.", id="freeland-a-name"),
    # prot.handover: suspects and goods handed over are not rescued people going home
    pytest.param("protection", "The suspect was handed over to Thai authorities on Friday.", id="suspect-handed-over"),
    pytest.param("protection", "The club handed over 20 footballs to children in the village.", id="footballs-handed-over"),
    # prev.departure_screening: cargo is offloaded too
    # rel.sale_of_people: a relative's property sold is not the relative
    pytest.param("relevance", "The widow sold her son's land to a neighbour to pay the hospital.", id="sold-sons-land"),
    # prot.handover: children handed over by their own families to exploiters are not victims returned by officials
    pytest.param(
        "protection", "Boys handed over by their families to boat owners dive to free the nets.", id="handed-over-by-families"
    ),
    pytest.param("prevention", "Dockworkers offloaded 300 containers of rice at the Manila port.", id="cargo-offloaded"),
    # part.cross_border_handover: children handed to their own families is not cooperation between countries
    pytest.param("partnership", "The 12 girls were handed over to their families in Kandal on Friday.", id="handed-to-families"),
    # prot.rescue: 'free' before a number of things, not of people
    pytest.param("protection", "The museum will free 30 parking spaces for visitors.", id="free-parking-spaces"),
    # rel.human_trafficking: 'traffic' with no people as its object
    pytest.param("relevance", "Traffic police in Hanoi fined 40 drivers for running red lights.", id="traffic-police"),
    # prot.rescue: people removed from a list or a payroll are not rescued
    pytest.param(
        "protection", "The council removed 300 people from the electoral rolls after an audit.", id="removed-from-rolls"
    ),
    pytest.param("protection", "The firm removed 25 workers from its payroll in May.", id="removed-from-payroll"),
    # prot.rights_remedies: traffickers not prosecuted is a gap in prosecution, not non-punishment of victims
    pytest.param(
        "protection", "The recruiters were not prosecuted because the case files went missing.", id="recruiters-not-prosecuted"
    ),
    # part.cooperation_strong: a tip from a neighbour or a local informant is no cooperation between agencies
    pytest.param("partnership", "Police raided the house following a tip from a neighbour.", id="tip-from-neighbour"),
    # prev.demand: sex tourism described as part of the problem is no measure against it
    pytest.param("prevention", "Child sex tourism persists in coastal resorts near the border.", id="sex-tourism-persists"),
    # rel.coercion_active: a firm's staff made to work unpaid overtime is a labour dispute
    pytest.param("relevance", "The manager forced staff to stay late without pay, the union said.", id="staff-unpaid-overtime"),
    # pros.held_for_trafficking: a room or a flight is booked under a name, not under an act
    pytest.param("prosecution", "The room at the resort was booked under her sister's name.", id="booked-under-name"),
    # prev.public_warning: a warning about the size of the problem, or about anything else, is no warning to people at risk
    pytest.param("prevention", "The agency warned that trafficking cases rose by a third last year.", id="warned-cases-rose"),
    pytest.param("prevention", "The central bank warned that inflation would stay high.", id="warned-inflation"),
    # prot.services_for_victims: help to escape a storm, and homes built for workers, are no victim support
    pytest.param("protection", "Volunteers helped families escape the rising floodwater.", id="escape-flood"),
    pytest.param("protection", "The company built homes for its miners near the pit.", id="homes-for-miners"),
    # part.cooperation: an NGO name ending in 'International' is vetoed, but a title-case headline's 'International
    # Cooperation' still votes (through its second word)
    pytest.param("partnership", "Hagar International said the school clubs will meet weekly.", id="ngo-name-international"),
    # prev.recruiter_licences: licences of bars or drivers are no regulation of recruitment
    pytest.param("prevention", "The city suspended the licences of three bars after a brawl.", id="bar-licences"),
    # rel.sale_of_people: a baby animal is not a baby sold
    pytest.param("relevance", "Two men tried to sell a baby orangutan on Facebook.", id="baby-orangutan"),
    # prev.demand: demand named as a cause of trafficking is no measure against it
    pytest.param("prevention", "Mine workers and truck drivers generate demand for commercial sex.", id="demand-as-cause"),
    pytest.param("prevention", "Demand for cheap labour drives much of the trafficking.", id="demand-cheap-labour-cause"),
    # rel.national_bodies: GRETA is an acronym only in capitals
    pytest.param("relevance", "Greta Thunberg spoke at the climate summit.", id="greta-first-name"),
    # prev.training_public: staff trained in anything but recognising or reporting are no prevention
    pytest.param("prevention", "Bank staff were trained to use the new teller software.", id="bank-staff-software"),
    # prot.shelter: disaster housing is not a shelter for victims
    pytest.param("protection", "FEMA will pay for temporary housing after the floods.", id="disaster-housing"),
    # rel.sale_of_people: things sold to a bride are not people
    pytest.param("relevance", "The boutique sold the bride a silk gown for her wedding.", id="gown-sold-bride"),
    # rel.exploitation_indicators: people tricked into handing over money, and promises of returns or tax cuts, are
    # the frauds of ordinary crime and politics, not recruitment deception
    pytest.param(
        "relevance", "Callers posing as bank staff tricked a retired teacher into transferring her savings.", id="tricked-savings"
    ),
    pytest.param("relevance", "The fund lured small investors with promises of quick profits.", id="lured-profits"),
    pytest.param("relevance", "The opposition accused him of false promises of lower fuel prices.", id="false-promises-prices"),
    # part.cooperation: a diplomat's household that exploits its maids is an employer, not a partner
    pytest.param("partnership", "A diplomat's household in Geneva kept two maids unpaid for a year.", id="diplomat-household"),
    # session 39: goods handed to a buyer are no sale of people; a suspect handed to police is no victim handed over;
    # a country's backing in a war is no funding; placing survivors in jobs is reintegration, not recruitment regulation
    pytest.param("relevance", "The courier handed the parcel to a buyer outside the mall.", id="parcel-to-buyer"),
    pytest.param("protection", "The two men were handed to police in Pakse after the raid.", id="suspects-handed-to-police"),
    pytest.param("partnership", "US-backed fighters took the airport on Sunday.", id="us-backed-fighters"),
    pytest.param("partnership", "With God's help we will get through this winter.", id="gods-help"),
    pytest.param(
        "prevention",
        "The centre offers counselling and job placement to women who escaped forced labour.",
        id="job-placement-for-survivors",
    ),
    # session 40: the visa sense of 'inadmissible', suspects handed to local police, firms engaged in a trade,
    # and migrants deported through a checkpoint
    pytest.param(
        "prosecution", "The visa officer found the applicant inadmissible under the entry rules.", id="inadmissible-visa"
    ),
    pytest.param(
        "partnership", "The two suspects were handed over to the Kandal provincial police.", id="suspects-to-local-police"
    ),
    pytest.param("partnership", "Most of the firms were engaged in logging and mining.", id="engaged-in-logging"),
    pytest.param(
        "protection",
        "The undocumented workers were returned through the Poipet checkpoint.",
        id="migrants-returned-at-checkpoint",
    ),
    pytest.param(
        "partnership",
        "Each Party shall grant a trafficking victim no fewer than 45 days of recovery, during which the victim may"
        " decide whether to cooperate with the authorities.",
        id="victim-granted-time-to-decide-on-cooperating",
    ),
    pytest.param(
        "prevention",
        "Immigration officials approved 1,900 T visa applications from trafficking survivors.",
        id="t-visa-applications",
    ),
    pytest.param(
        "partnership",
        "NGOs reported that shelters for trafficking victims were full and that many survivors slept in police stations.",
        id="ngos-cited-as-source",
    ),
]


@pytest.mark.parametrize(("label", "text"), LOOK_ALIKES)
def test_look_alike_does_not_vote_for_label(pack: RuleSet, label: str, text: str) -> None:
    assert [h.rule for h in pack.match(text) if h.theme == label] == []


# Pairs of near-identical sentences that must go to different rules: each text, the rules
# that must fire on it and the rules that must not.
CONTRASTS = [
    # a trafficking law changed is prosecution; the law named as the source of victims' rights is not its change
    pytest.param(
        "Two years ago the parliament amended the anti-trafficking law.",
        {"pros.law_change"},
        set(),
        id="trafficking-law-amended",
    ),
    pytest.param(
        "Under the anti-trafficking law, victims may stay in a shelter for up to six months.",
        set(),
        {"pros.law_change"},
        id="rights-under-the-law",
    ),
    # a course for border or immigration officers trains them to spot victims (prevention), not to build cases
    pytest.param(
        "The IOM ran a three-day course for 40 border officers at the Friendship Bridge.",
        set(),
        {"pros.training_justice"},
        id="course-for-border-officers",
    ),
    pytest.param(
        "The IOM ran a three-day course for 40 police officers at the Friendship Bridge.",
        {"pros.training_justice"},
        set(),
        id="course-for-police-officers",
    ),
    # prot.identification's passive: victims found by inspectors, not crime victims named or identified by relatives
    pytest.param(
        "Inspectors said 45 victims of forced labour were identified on the farms.",
        {"prot.identification"},
        set(),
        id="victims-were-identified",
    ),
    pytest.param(
        "Police said the two victims were identified as local men aged 24 and 31.",
        set(),
        {"prot.identification"},
        id="victims-identified-as-names",
    ),
    pytest.param(
        "Police said the two victims were identified by relatives from their tattoos.",
        set(),
        {"prot.identification"},
        id="victims-identified-by-relatives",
    ),
    # THEMES.md: training police, prosecutors or judges to build cases is prosecution;
    # training others to recognise trafficking is prevention. Border guards, immigration
    # officers and labour inspectors are trained to spot victims, not to try cases.
    pytest.param(
        "The ministry trained 80 border guards and immigration officers at the northern crossings.",
        {"prev.training_public"},
        {"pros.training_justice"},
        id="training-frontline-staff",
    ),
    pytest.param(
        "The ministry trained 80 police officers and prosecutors at the northern crossings.",
        {"pros.training_justice"},
        {"prev.training_public"},
        id="training-police",
    ),
    # a victim's identity documents taken by a recruiter are evidence of control, not witness protection
    pytest.param(
        "The recruiter kept each victim's identity documents in a locked drawer in Dubai.",
        set(),
        {"prot.privacy_and_stay"},
        id="identity-papers",
    ),
    pytest.param(
        "The court kept each victim's identity secret during the hearing in Dubai.",
        {"prot.privacy_and_stay"},
        set(),
        id="identity-kept-secret",
    ),
    # 'helped identify victims' is victim identification; it must not also count as services for victims
    pytest.param(
        "Hotel staff in Pattaya helped identify victims among the guests.",
        {"prot.identification"},
        {"prot.services_for_victims"},
        id="helped-identify-victims",
    ),
    pytest.param(
        "Hotel staff in Pattaya helped victims among the guests find a shelter.",
        {"prot.services_for_victims"},
        set(),
        id="helped-victims",
    ),
    # warning signs are taught (recognise_signs), not a warning given to the public
    pytest.param(
        "Nurses in Cebu learned the warning signs of trafficking at a two-day course.",
        {"prev.recognise_signs"},
        {"prev.public_warning"},
        id="warning-signs-not-a-warning",
    ),
    # 'prevent and combat' names no measure and gets only the half vote; 'preventing human
    # trafficking' names prevention as the subject
    pytest.param(
        "The ministry vowed to prevent and combat human trafficking in the province.",
        {"prev.prevent_word"},
        {"prev.prevention_topic"},
        id="prevent-and-combat",
    ),
    pytest.param(
        "The ministry opened a course on preventing human trafficking in the province.",
        {"prev.prevention_topic"},
        set(),
        id="preventing-as-subject",
    ),
]


@pytest.mark.parametrize(("text", "fires", "silent"), CONTRASTS)
def test_contrasting_sentences_go_to_different_rules(pack: RuleSet, text: str, fires: set[str], silent: set[str]) -> None:
    rules = {h.rule for h in pack.match(text)}
    assert fires <= rules
    assert not silent & rules


# ---------------------------------------------------------------------------
# Coverage: a rule or exclusion added to the pack without a pinned example fails here.
# ---------------------------------------------------------------------------


def test_every_rule_in_the_pack_has_a_firing_example(pack: RuleSet) -> None:
    assert {p.values[0] for p in FIRES} == {r.name for r in pack}


def test_triggers_never_change_what_a_rule_matches(pack: RuleSet) -> None:
    # triggers only decide on which texts a rule's patterns are tried (rules.toml's header): a pattern that can match
    # without any of its rule's triggers in the text is silently lost. Checked on every seed unit and every text pinned
    # in this file, against the same rules with no triggers (their patterns then run on every text).
    triggered = [r for r in pack if r.triggers and r.patterns]
    assert triggered
    with_triggers, without = RuleSet(triggered), RuleSet([replace(r, triggers=()) for r in triggered])
    texts = [example.text for example in load_seeds().corpus]
    texts += [p.values[1] for p in (*FIRES, *EXCLUDED, *LOOK_ALIKES, *THEME_TEXTS)]
    lost = []
    for text in texts:
        missing = _pairs(without.match(text)) - _pairs(with_triggers.match(text))
        if missing:
            lost.append((text[:80], sorted(missing)))
    assert lost == []


def test_every_exclusion_pattern_has_a_look_alike(pack: RuleSet) -> None:
    expected = {(r.name, pattern) for r in pack for pattern in r.exclude}
    exercised: set[tuple[str, str]] = set()
    for p in EXCLUDED:
        exercised |= _exclusions_exercised(pack, *p.values)
    assert exercised == expected


# ---------------------------------------------------------------------------
# Whole pipeline with the shipped default model
# ---------------------------------------------------------------------------

THEME_TEXTS = [
    # session 44: a child pornography arrest is child sexual abuse material in police news: relevant, prosecution
    pytest.param(
        "prosecution",
        "Deputies arrested a Marion County man on 12 counts of possessing child pornography after a tip from a "
        "national child-safety centre.",
        id="prosecution-child-pornography-arrest",
    ),
    # session 43: a South Asian shelter by its legal name; bodies working with each other; a deployment suspended
    pytest.param(
        "protection",
        "The two Nepali girls found at the hotel were sent to a protective home in Mumbai.",
        id="protection-protective-home",
    ),
    pytest.param(
        "partnership",
        "The labour ministry will work with the Ghana Immigration Service to screen children travelling alone to the lake districts for exploitation.",
        id="partnership-ministry-works-with-a-service",
    ),
    pytest.param(
        "partnership",
        "Our caseworkers operate alongside border police at the crossing to identify girls being trafficked to India.",
        id="partnership-ngo-alongside-border-police",
    ),
    pytest.param(
        "partnership",
        "The anti-trafficking unit worked with Nepali and Indian police to rescue the girls sold to a brothel in Pune.",
        id="partnership-two-countries-police",
    ),
    pytest.param(
        "prevention",
        "After reports of abuse and trafficking of maids, the government suspended the deployment of domestic workers to Kuwait.",
        id="prevention-deployment-suspended",
    ),
    # session 42: the victim's consent made no defence, and agencies under one roof
    pytest.param(
        "prosecution",
        "The consent of a victim to the intended exploitation is irrelevant once force, fraud or deception has been used.",
        id="prosecution-consent-irrelevant",
    ),
    pytest.param(
        "partnership",
        "The county's new centre brings detectives, paediatricians and victim advocates under one roof so that exploited "
        "children give one interview.",
        id="partnership-under-one-roof",
    ),
    # session 41: a treaty's reciprocal duties and a limitation period, without the words 'cooperation' or 'prosecute'
    pytest.param(
        "partnership",
        "The two governments shall assist each other in tracing and returning women sold as brides across the border.",
        id="partnership-assist-each-other",
    ),
    pytest.param(
        "prosecution",
        "Criminal proceedings for trafficking in persons shall not become time-barred while the victim is a minor.",
        id="prosecution-time-barred",
    ),
    pytest.param(
        "prosecution",
        "In 2023 the border guard force discovered and handled 9 cases of human trafficking with 15 subjects.",
        id="prosecution-cases-handled",
    ),
    pytest.param(
        "prevention",
        "The labour ministry in Nepal launched a nationwide awareness campaign warning job seekers about "
        "human trafficking and unlicensed recruitment agencies.",
        id="prevention",
    ),
    pytest.param(
        "prosecution",
        "A court in Hanoi sentenced three human traffickers to 12 years in prison for selling women across the border.",
        id="prosecution",
    ),
    pytest.param(
        "protection",
        "Victims of trafficking rescued in Ghana received shelter, medical care and counselling before returning home.",
        id="protection",
    ),
    pytest.param(
        "partnership",
        "Thailand and Cambodia signed a memorandum of understanding to strengthen cooperation against human trafficking.",
        id="partnership",
    ),
    # alerts whose headline names a brunch or a court step and whose snippet says what the story is
    # about: the lead column must not outweigh a substantive mention in the next sentence
    pytest.param(
        "protection",
        "Bakery owner hosts charity brunch - Riverside Gazette. All proceeds from Sunday's brunch will go to a "
        "local shelter for survivors of human trafficking.",
        id="protection-after-the-headline",
    ),
    pytest.param(
        "prosecution",
        "Appeals court upholds sentence for motel owner - Coastal Tribune. He was convicted of sex trafficking "
        "after two teenagers were found held at the property.",
        id="prosecution-after-the-headline",
    ),
    # an arrest told as a detention 'on suspicion of' trafficking (no 'arrested', 'charged' or court)
    pytest.param(
        "prosecution",
        "Singer held on suspicion of human trafficking - Balkan Wire. The musician and his manager were detained at "
        "the airport on Monday.",
        id="prosecution-on-suspicion",
    ),
    # forced criminality in a scam operation, told as a rescue without naming the crime
    pytest.param(
        "protection",
        "Sri Lankan youths freed from a cyber-fraud camp on the Myanmar border land in Colombo - Island Times. "
        "The eight men said guards beat them when they missed their targets.",
        id="protection-scam-camp-rescue",
    ),
    # the crime named only as a sale of people
    pytest.param(
        "prosecution",
        "Police opened an inquiry into the sale of babies to childless couples through a private clinic in the capital.",
        id="prosecution-sale-of-babies",
    ),
    # session 37: a ring broken up, with the crime's name between the article and 'ring'
    pytest.param(
        "prosecution",
        "Police broke up a human trafficking ring operating from a guesthouse in Pakse.",
        id="prosecution-ring-broken-up",
    ),
    pytest.param(
        "prosecution",
        "Police in Bokeo cracked down on traffickers who lure young people to work in the Golden Triangle zone.",
        id="prosecution-cracked-down",
    ),
    # session 38: rescue news often tells the deceit without naming the crime; the deceit makes it a trafficking rescue
    pytest.param(
        "protection",
        "Border guards in Ha Giang rescued two girls who had been tricked into travelling to China.",
        id="protection-tricked-travelling",
    ),
    pytest.param(
        "protection",
        "Soldiers at the checkpoint rescued three teenagers who had been duped into crossing the border for work.",
        id="protection-duped-crossing",
    ),
    # session 39: treaty wording for criminalisation with a cross-reference, a survivor's civil claim, donor money
    # named as a prefix, emergency aid, people helped out of a compound, and police working with a named country's
    # authorities
    pytest.param(
        "prosecution",
        "Every State Party must take the steps needed to make the acts defined in Article 4 of the Protocol a criminal offence.",
        id="prosecution-criminal-offence-cross-reference",
    ),
    pytest.param(
        "protection",
        "Three fishermen who escaped forced labour on a trawler filed a civil suit seeking damages from the boat owner.",
        id="protection-civil-suit",
    ),
    pytest.param(
        "partnership",
        "A Korean-funded shelter in Siem Reap took in 14 girls rescued from a karaoke bar.",
        id="partnership-korean-funded",
    ),
    pytest.param(
        "protection",
        "The province paid emergency aid to each of the 20 women who returned after being trafficked to China.",
        id="protection-emergency-aid",
    ),
    pytest.param(
        "protection",
        "Forty workers held in a scam compound were helped out of the building by embassy staff.",
        id="protection-helped-out",
    ),
    pytest.param(
        "partnership",
        "Malaysian police worked with Thai authorities to track down the agents who sold the fishermen to boat owners.",
        id="partnership-worked-with-authorities",
    ),
    # survivors advising a ministry, a raid made with a named country's help, and the Philippine 'cybersex den'
    pytest.param(
        "partnership",
        "The labour ministry set up an advisory council of eight survivors of trafficking to advise it on rules against "
        "forced labour.",
        id="partnership-survivor-council",
    ),
    pytest.param(
        "partnership",
        "A survivor advisory board will now review every draft rule on trafficking before it goes to cabinet.",
        id="partnership-survivor-board",
    ),
    pytest.param(
        "protection",
        "Police in Davao rescued nine girls from a cybersex den in a raid carried out with Australian help.",
        id="protection-cybersex-den",
    ),
    pytest.param(
        "partnership",
        "Police in Davao rescued nine girls from a cybersex den in a raid carried out with Australian help.",
        id="partnership-with-australian-help",
    ),
    pytest.param(
        "protection",
        "Soldiers free 150 foreigners made to work in a phone-scam call centre near the border.",
        id="protection-free-foreigners",
    ),
    pytest.param(
        "partnership",
        "Nineteen young women sold as brides to farmers in Anhui were handed over at the Mong Cai border gate on Friday.",
        id="partnership-handover-at-border-gate",
    ),
    pytest.param(
        "protection",
        "Nineteen young women sold as brides to farmers in Anhui were handed over at the Mong Cai border gate on Friday.",
        id="protection-handover-at-border-gate",
    ),
    pytest.param(
        "protection",
        "Thirty-two women and girls trafficked into brothels in Pune were returned through the Benapole border on Tuesday.",
        id="protection-returned-through-border",
    ),
    pytest.param(
        "protection",
        "The lawyer argued that the boys should not be prosecuted because they had been forced to grow cannabis by the gang.",
        id="protection-not-prosecuted-because-forced",
    ),
    pytest.param(
        "partnership",
        "The strategy commits ministries to engage banks and airlines in spotting signs of forced labour and sexual exploitation.",
        id="partnership-engage-banks",
    ),
    pytest.param(
        "partnership",
        "The raid on the Manila flat, where children were sexually exploited for paying viewers abroad, followed a referral from the UK's National Crime Agency.",
        id="partnership-followed-a-referral",
    ),
    pytest.param(
        "partnership",
        "Two brokers who sold Lao women as brides were handed over to Chinese police by Lao authorities last week.",
        id="partnership-suspects-between-countries",
    ),
    pytest.param(
        "prosecution",
        "Labour inspectors who find signs of forced labour on a farm must refer the case to the police within 48 hours.",
        id="prosecution-inspectors-refer-the-case",
    ),
    pytest.param(
        "protection",
        "Under the new law, officers who find people held for exploitation may remove them to safety without waiting for a warrant.",
        id="protection-removed-to-safety",
    ),
    pytest.param(
        "partnership",
        "Three survivors of trafficking will sit on the new advisory panel that reviews how the referral system treats victims.",
        id="partnership-survivors-sit-on-panel",
    ),
]


@pytest.mark.parametrize(("theme", "text"), THEME_TEXTS)
def test_default_model_tags_clear_theme_text(default_tagger, theme: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = default_tagger.tag(text)
    assert result.relevant
    assert theme in result.themes


NOT_RELEVANT_TEXTS = [
    pytest.param(
        "A new gallery at the harbour museum in Bristol tells the stories of enslaved Africans shipped to Jamaica in the 1700s.",
        id="slavery-heritage",
    ),
    pytest.param(
        "Juneteenth marks the day in 1865 when the last enslaved people in Galveston learned that they were free.",
        id="juneteenth",
    ),
    pytest.param(
        "Police in Mexico seized two tonnes of cocaine and charged five suspects with drug trafficking.",
        id="drug-trafficking",
    ),
    pytest.param(
        "Wildlife officers in Sabah arrested a fisherman trafficking sea turtles and pangolins to buyers abroad.",
        id="wildlife-as-object",
    ),
    pytest.param(
        "A court in Chiang Mai jailed two men for trafficking 50,000 methamphetamine pills from Myanmar.",
        id="drugs-as-object",
    ),
    pytest.param(
        "Road traffic on the main highway out of Lagos was backed up for ten kilometres after a lorry overturned.",
        id="road-traffic",
    ),
    pytest.param(
        "The Spanish champion won the final in straight sets on centre court and lifted the trophy.",
        id="sports",
    ),
    # session 39: a resource treaty's 'exploitation'
    pytest.param(
        "The treaty governs the sustainable exploitation of deep-sea fish stocks in the southern ocean.",
        id="fish-stocks",
    ),
]


@pytest.mark.parametrize("text", NOT_RELEVANT_TEXTS)
def test_default_model_leaves_look_alikes_not_relevant(default_tagger, text: str) -> None:  # type: ignore[no-untyped-def]
    result = default_tagger.tag(text)
    assert not result.relevant
    assert result.themes == ()


def test_default_model_reads_job_placement_for_survivors_as_protection(default_tagger) -> None:  # type: ignore[no-untyped-def]
    # jobs found for survivors are reintegration; licensing the agencies that place workers is prevention
    survivors = default_tagger.tag(
        "The centre offers counselling and job placement to women who escaped forced labour in the Gulf."
    )
    agencies = default_tagger.tag(
        "The labour ministry will revoke the licences of job placement agencies that charge workers illegal fees for jobs "
        "in Taiwan, in a drive against trafficking."
    )
    assert survivors.relevant and agencies.relevant
    assert "protection" in survivors.themes and "prevention" not in survivors.themes
    assert "prevention" in agencies.themes


def test_default_model_tells_a_cited_source_from_a_partner(default_tagger) -> None:  # type: ignore[no-untyped-def]
    # quoting an agency's figures is not cooperation; the agency working with a government is
    cited = default_tagger.tag("IOM figures show that most victims identified in the region were recruited by people they knew.")
    acting = default_tagger.tag("IOM helped the Lao government bring home 42 women from scam compounds in Myanmar last month.")
    assert cited.relevant and acting.relevant
    assert "partnership" not in cited.themes
    assert "partnership" in acting.themes


# Descriptions of the problem that use a theme's words, each beside a response that has the theme: the
# description must get no such theme, the response must (THEMES.md labels what is done, not who does wrong)
PROBLEM_VERSUS_RESPONSE = [
    # crime that crosses borders, and criminals working together, are the problem; cooperation against it is partnership
    pytest.param(
        "partnership",
        [
            "Cross-border trafficking of children remains a serious concern for authorities in both countries.",
            "Investigators traced the recruitment of the women to international crime rings based in Dubai.",
            "The traffickers work in partnership with corrupt border guards who wave the vans through.",
        ],
        "Thailand and Cambodia agreed to cooperate against cross-border trafficking of children.",
        id="criminals-across-borders",
    ),
    # agencies that abuse or lure workers are part of the problem; revoking their licences is prevention
    pytest.param(
        "prevention",
        [
            "Maids placed in Gulf homes say they were deceived by recruitment agencies about their wages and hours.",
        ],
        "The Ministry revoked the licences of 19 recruitment agencies found to have deceived jobseekers about "
        "forced labour risks abroad.",
        id="abusive-recruitment-agencies",
    ),
    # recruiters who lure people, and the fees they take, are part of the problem; licensing recruiters is prevention
    pytest.param(
        "prevention",
        [
            "Recruiters in Mombasa promise hotel jobs in Erbil, and the women are sold to households as unpaid maids.",
            "Workers told researchers they had paid illegally high fees to recruiters and were trapped in debt.",
        ],
        "The ministry will license recruiters and publish the names of those it has banned.",
        id="recruiters-who-lure",
    ),
    # THEMES.md counts official complicity; relatives or teachers who take part are the problem described
    pytest.param(
        "prosecution",
        [
            "Boys sent to religious schools are forced to beg in the cities by corrupt Quranic teachers.",
            "Traffickers find girls through complicit parents who are paid for their daughters.",
            "Teenage girls from the hill districts are married off to men across the border with their relatives' complicity.",
        ],
        "Complicit border officials who took bribes from traffickers were never investigated.",
        id="complicit-relatives-and-teachers",
    ),
    # the EU as the place where victims are found is no partner; the EU funding work against trafficking is
    pytest.param(
        "partnership",
        [
            "Hungarian girls make up a large share of the trafficking victims that police identify across the EU.",
            "Albanian gangs move young women from the Balkans into the EU for sex trafficking.",
        ],
        "The EU funded a project with the Lao government to train border police on human trafficking.",
        id="eu-as-a-place",
    ),
]


@pytest.mark.parametrize(("theme", "problems", "response"), PROBLEM_VERSUS_RESPONSE)
def test_default_model_tells_a_problem_from_a_response(  # type: ignore[no-untyped-def]
    default_tagger, theme: str, problems: list[str], response: str
) -> None:
    described = default_tagger.tag_batch(problems)
    acted = default_tagger.tag(response)
    assert all(r.relevant for r in described)
    assert [text for text, r in zip(problems, described, strict=True) if theme in r.themes] == []
    assert acted.relevant and theme in acted.themes


def test_default_model_tells_migrants_held_for_ransom_from_plain_smuggling(default_tagger) -> None:  # type: ignore[no-untyped-def]
    # the guideline counts smuggling as relevant only together with exploitation
    held = default_tagger.tag(
        "Three men were jailed in Texas for holding a group of Salvadoran migrants hostage in a trailer until their families paid."
    )
    plain = default_tagger.tag(
        "Border agents stopped a truck with 40 migrants in the trailer; the driver was charged with smuggling."
    )
    assert held.relevant and "prosecution" in held.themes
    assert not plain.relevant


@pytest.mark.parametrize(
    ("story", "relevant"),
    [
        pytest.param(
            "People smugglers jailed for running small boats across the Channel - Kent Online. The gang charged migrants "
            "thousands of pounds each for places on inflatable boats launched from beaches near Calais, the court heard.",
            False,
            id="people-smugglers-jailed",
        ),
        pytest.param(
            "Police smash migrant smuggling ring at Johor jetty; nine held - The Star. The syndicate ferried Indonesian "
            "migrants across the Strait of Malacca at night.",
            False,
            id="migrant-smuggling-ring",
        ),
        pytest.param(
            "People smugglers kept the migrants locked in a flat in Leeds and made them work in car washes for no pay "
            "until their debts were cleared.",
            True,
            id="smuggled-then-forced-to-work",
        ),
    ],
)
def test_default_model_reads_people_smuggling_as_relevant_only_with_exploitation(  # type: ignore[no-untyped-def]
    default_tagger, story: str, relevant: bool
) -> None:
    # British and Malaysian news say 'people smuggling' where American news says 'human smuggling': with no
    # exploitation reported, neither is trafficking; with forced work reported, it is
    assert default_tagger.tag(story).relevant is relevant


def test_default_model_reads_a_country_profile_as_relevant_with_no_theme(default_tagger) -> None:  # type: ignore[no-untyped-def]
    # a description of the problem that names victims again and again is not victim support
    profile = (
        "Traffickers exploit victims from the highlands in the capital's karaoke bars; victims from "
        "neighbouring countries are forced to work on fishing boats and plantations; most victims are "
        "recruited by relatives or acquaintances who promise jobs in cities; child victims are exploited "
        "in begging and domestic servitude."
    )
    result = default_tagger.tag(profile)
    assert result.relevant
    assert result.themes == ()


@pytest.mark.parametrize(
    "clause",
    [
        "government forces and armed opposition groups use boys in combat and support roles",
        "the coastal resorts are a destination for child sex tourists from Europe and North America",
        "orphans and girls from poor families are forced into domestic service and street vending",
        "militias continue to conscript children under the age of 18",
        "gangs in the capital coerce teenagers to carry drugs and act as lookouts",
        "migrants from the highlands are forced into drug trafficking along the northern border",
    ],
)
def test_default_model_reads_assessment_clauses_on_exploitation_as_relevant(default_tagger, clause: str) -> None:  # type: ignore[no-untyped-def]
    # country assessments name forms of exploitation without the word 'trafficking': their clauses are relevant
    assert default_tagger.tag(clause).relevant


def test_default_model_reads_statutes_on_the_t_visa_as_relevant_protection(default_tagger) -> None:  # type: ignore[no-untyped-def]
    # US law names the visa for victims by its citation or its status, not by the word trafficking
    cited = default_tagger.tag(
        "Each year the Secretary shall tell Congress how many eligible applicants could not be given visas under "
        "section 1101(a)(15)(T) of title 8 because the annual limit had been reached."
    )
    status = default_tagger.tag(
        "The Secretary may not remove an alien admitted as a T nonimmigrant for conduct that took place before admission."
    )
    assert cited.relevant
    assert status.relevant and "protection" in status.themes


def test_default_model_reads_talks_between_two_countries_as_partnership(default_tagger) -> None:  # type: ignore[no-untyped-def]
    # the same meeting of one country's police is no cooperation between countries
    two = default_tagger.tag("Cambodian and Thai police chiefs held talks in Poipet about workers trafficked onto fishing boats.")
    one = default_tagger.tag("Cambodian police chiefs held talks in Poipet about workers trafficked onto fishing boats.")
    assert two.relevant and one.relevant
    assert "partnership" in two.themes
    assert "partnership" not in one.themes


def test_default_model_reads_a_bare_trafficking_arrest_by_the_goods_named_with_it(default_tagger) -> None:  # type: ignore[no-untyped-def]
    drugs = default_tagger.tag(
        "Traffic stop ends in trafficking arrest. Deputies charged the driver with trafficking 30 pounds of marijuana."
    )
    people = default_tagger.tag(
        "Traffic stop ends in trafficking arrest. Deputies found two teenage girls in the back seat who said the "
        "driver was selling them for sex."
    )
    assert not drugs.relevant
    assert people.relevant and "prosecution" in people.themes


def test_default_model_reads_the_crimes_scale_and_arrests_in_a_trafficking_sting_as_relevant(default_tagger) -> None:  # type: ignore[no-untyped-def]
    # the common claim of how large the crime is, with words ('world', 'third') that sports news uses too
    scale = default_tagger.tag("Human trafficking is the third most profitable crime in the world, the deputy minister said.")
    # a headline that names only a lesser charge, and a snippet that puts the arrest in a trafficking operation
    sting = default_tagger.tag(
        "Town council member arrested for soliciting - Valley Courier. The councillor was released on bail. He was one "
        "of 31 people held as part of a human trafficking operation in the county..."
    )
    assert scale.relevant
    assert sting.relevant and "prosecution" in sting.themes
