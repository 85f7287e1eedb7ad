# Field errors of the core: recurrence rules, venues and rooms, events, regions, weekdays,
# e-mail addresses, local date-times and the window search request (DESIGN §16).

## What is wrong with a recurrence rule (RFC 5545 §3.3.10)

rule-number-out-of-range = { $key }={ $value }: “{ $item }” is out of range; RFC 5545 allows { $low } to { $high }
rule-signed-number-out-of-range = { $key }={ $value }: “{ $item }” is out of range; RFC 5545 allows { $low } to { $high } or -{ $high } to -{ $low }
rule-byday-not-weekday = BYDAY={ $value }: “{ $item }” is not a weekday (MO, TU, WE, TH, FR, SA, SU, optionally after an ordinal such as 1MO or -1FR)
rule-byday-ordinal-range = BYDAY={ $value }: “{ $item }” has an ordinal out of range; RFC 5545 allows 1 to 53 or -53 to -1
rule-byday-ordinal-freq = BYDAY={ $value }: an ordinal weekday (“{ $item }”) is allowed only with FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO (RFC 5545 §3.3.10)
rule-part-twice = { $key } is given twice; each rule part may appear once
rule-part-empty = { $key } has no value
rule-freq-unsupported = FREQ={ $value } is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY
rule-freq-missing = the rule has no FREQ
rule-part-not-with-freq = { $key } may not be used with FREQ={ $freq } (RFC 5545 §3.3.10)
rule-count-invalid = COUNT={ $value }: the count must be a whole number from 1
rule-count-too-many = COUNT={ $value }: the rule gives more than { $max } occurrences; split the series
rule-interval-invalid = INTERVAL={ $value }: the interval must be a whole number from 1 (RFC 5545 §3.3.10)
rule-wkst-invalid = WKST={ $value } is not a weekday (MO, TU, WE, TH, FR, SA, SU)
rule-part-unknown = “{ $key }” is not an RFC 5545 rule part
rule-bysetpos-alone = BYSETPOS needs another BYxxx rule part to select from (RFC 5545 §3.3.10)
rule-count-and-until = COUNT and UNTIL may not both be given (RFC 5545 §3.3.10): keep one
rule-unbounded = the rule must end: add COUNT or UNTIL (tandem stores every occurrence)
rule-empty = an empty rule: leave “rrule” null for a single event
rule-part-malformed = “{ $part }” is not a KEY=VALUE part of an RRULE
rule-too-many-occurrences = the rule gives more than { $max } occurrences; split the series
rule-unreadable = the rule { $rule } cannot be read
rule-unexpandable = the rule { $rule } cannot be expanded
# The reason is the recurrence library's own, in English.
rule-invalid = invalid rule: { $reason }
rule-until-invalid = UNTIL={ $value } is not a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)
rule-until-before-start = UNTIL ({ $until }) is before the start ({ $start }): the series would have no occurrence
rule-until-out-of-bounds = UNTIL: { $reason }
# $weekday is one of the rule-day-* names below.
rule-start-not-occurrence = { $start } (a { $weekday }) is not an occurrence of the rule { $rule }: start the series on its first occurrence ({ $first })
rule-start-not-occurrence-none = { $start } (a { $weekday }) is not an occurrence of the rule { $rule }: start the series on its first occurrence
rule-day-mo = Monday
rule-day-tu = Tuesday
rule-day-we = Wednesday
rule-day-th = Thursday
rule-day-fr = Friday
rule-day-sa = Saturday
rule-day-su = Sunday
