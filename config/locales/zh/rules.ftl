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
rule-start-not-occurrence = { $start }（{ $day }）不是规则 { $rule } 的一次重复：请让系列从其第一次重复（{ $first }）开始
rule-start-not-occurrence-none = { $start }（{ $day }）不是规则 { $rule } 的一次重复：请让系列从其第一次重复开始

## 会场或会议室有误

venue-country-invalid = 国家“{ $value }”无效：应为 ISO 3166-1 alpha-2 代码，例如 CM
venue-room-capacity = 必须在 1 至 { $max } 之间
venue-latitude = 纬度必须在 -90 至 90 之间
venue-longitude = 经度必须在 -180 至 180 之间
venue-no-working-day = 会场至少需要一个工作日
venue-too-many-rooms = 会议室最多 { $max } 间
venue-room-twice = 会议室“{ $room }”列出了两次

## 活动有误

event-room-without-venue = 会议室须同时给出其 venue_id
# $expected 列出 API 所写的可接受值。
event-unknown-value = 未知值“{ $value }”：应为以下之一：{ $expected }
event-text-control = 不得包含控制字符
event-participant-id-invalid = 与会者标识“{ $value }”无效：请使用 1 至 100 个 A-Z a-z 0-9 . _ @ - 字符
event-series-too-late = 该系列的最后一次重复（开始于 { $start }）结束于 tandem 接受的最后日期之后：{ $reason }

## 区域、星期、电子邮件地址、本地日期时间

region-unknown = 未知区域“{ $value }”：应为 AFR、AMS、ARB、ASP、CIS、EUR 之一
weekday-unknown = 未知星期名称“{ $value }”：应为 mon、tue、wed、thu、fri、sat、sun 之一
weekday-twice = 星期“{ $value }”列出了两次
email-empty = 电子邮件地址无效：地址为空
email-too-long = 电子邮件地址无效：超过 254 个八位字节
email-no-at = 电子邮件地址无效：地址中没有“@”
email-local-part = 电子邮件地址无效：“@”之前的部分可包含字母、数字、点（不能在开头或结尾，也不能连续两个）以及 !#$%&'*+/=?^_`{"{"}|{"}"}~-
email-domain = 电子邮件地址无效：“@”之后的部分必须是域名，例如 example.org
localtime-format = 本地日期时间“{ $value }”无效：应为 YYYY-MM-DDTHH:MM
localtime-calendar-date = 本地日期时间“{ $value }”无效：应为 YYYY-MM-DDTHH:MM，且日期须为日历上真实存在的日期
localtime-offset = 本地日期时间“{ $value }”无效：本地时间不带 UTC 偏移量；请在“tz”字段中给出时区
localtime-seconds = 本地日期时间“{ $value }”无效：秒数必须为 :00
localtime-time-of-day = 本地日期时间“{ $value }”无效：应为 00:00 至 24:00 之间的时间

## 时段搜索请求有误

search-hours-end-before-start = 必须晚于开始时间（{ $start }）；午夜请使用 24:00
search-limit = 必须在 1 至 { $max } 之间
search-invalid-request = 请求无效
search-participant-twice = 与会者“{ $participant }”列出了两次
search-venue-tz-required = 为必填项：与会者“{ $participant }”现场出席，按会场时区判断其时间
search-weight-invalid = 必须是大于或等于 0 的有限数
search-busy-end-before-start = 不得早于开始时间

## 季度规划请求的时间窗有误

season-days-beyond-window = { $days } 天超过了其时间窗 { $window }
season-days-outside-range = 其时间窗 { $window } 与时间范围 { $range } 的重叠部分容纳不下 { $days } 天
