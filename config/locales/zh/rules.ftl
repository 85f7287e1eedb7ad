# Field errors of the core: recurrence rules, venues and rooms, events, regions, weekdays,
# e-mail addresses, local date-times and the window search request (DESIGN §16).

## 重复规则有误（RFC 5545 §3.3.10）

rule-number-out-of-range = { $key }={ $value }：“{ $item }”超出范围；RFC 5545 允许 { $low } 至 { $high }
rule-signed-number-out-of-range = { $key }={ $value }：“{ $item }”超出范围；RFC 5545 允许 { $low } 至 { $high } 或 -{ $high } 至 -{ $low }
rule-byday-not-weekday = BYDAY={ $value }：“{ $item }”不是星期几（MO、TU、WE、TH、FR、SA、SU，前面可带序数，例如 1MO 或 -1FR）
rule-byday-ordinal-range = BYDAY={ $value }：“{ $item }”的序数超出范围；RFC 5545 允许 1 至 53 或 -53 至 -1
rule-byday-ordinal-freq = BYDAY={ $value }：带序数的星期几（“{ $item }”）只能与 FREQ=MONTHLY 或不带 BYWEEKNO 的 FREQ=YEARLY 一起使用（RFC 5545 §3.3.10）
rule-part-twice = { $key } 出现了两次；每个规则部分只能出现一次
rule-part-empty = { $key } 没有值
rule-freq-unsupported = 不支持 FREQ={ $value }：请使用 DAILY、WEEKLY、MONTHLY 或 YEARLY
rule-freq-missing = 规则中没有 FREQ
rule-part-not-with-freq = { $key } 不能与 FREQ={ $freq } 一起使用（RFC 5545 §3.3.10）
rule-count-invalid = COUNT={ $value }：次数必须是不小于 1 的整数
rule-count-too-many = COUNT={ $value }：该规则产生的重复超过 { $max } 次；请拆分该系列
rule-interval-invalid = INTERVAL={ $value }：间隔必须是不小于 1 的整数（RFC 5545 §3.3.10）
rule-wkst-invalid = WKST={ $value } 不是星期几（MO、TU、WE、TH、FR、SA、SU）
rule-part-unknown = “{ $key }”不是 RFC 5545 的规则部分
rule-bysetpos-alone = BYSETPOS 需要另一个 BYxxx 规则部分作为选择范围（RFC 5545 §3.3.10）
rule-count-and-until = 不能同时给出 COUNT 和 UNTIL（RFC 5545 §3.3.10）：请保留其一
rule-unbounded = 规则必须有结束：请添加 COUNT 或 UNTIL（tandem 会存储每一次重复）
rule-empty = 规则为空：单次活动请将“rrule”设为 null
rule-part-malformed = “{ $part }”不是 RRULE 中“键=值”形式的部分
rule-too-many-occurrences = 该规则产生的重复超过 { $max } 次；请拆分该系列
rule-unreadable = 无法读取规则 { $rule }
rule-unexpandable = 无法展开规则 { $rule }
# 原因为重复规则库给出的英文说明。
rule-invalid = 规则无效：{ $reason }
rule-until-invalid = UNTIL={ $value } 既不是日期（YYYYMMDD），也不是 UTC 日期时间（YYYYMMDDTHHMMSSZ）
rule-until-before-start = UNTIL（{ $until }）早于开始时间（{ $start }）：该系列将没有任何一次重复
rule-until-out-of-bounds = UNTIL：{ $reason }
# $weekday 为下列 rule-day-* 名称之一。
rule-start-not-occurrence = { $start }（{ $weekday }）不是规则 { $rule } 的一次重复：请让系列从其第一次重复（{ $first }）开始
rule-start-not-occurrence-none = { $start }（{ $weekday }）不是规则 { $rule } 的一次重复：请让系列从其第一次重复开始
rule-day-mo = 星期一
rule-day-tu = 星期二
rule-day-we = 星期三
rule-day-th = 星期四
rule-day-fr = 星期五
rule-day-sa = 星期六
rule-day-su = 星期日
