# 通用文本：日期与时间的连接、参考术语的名称。

# 已由 CLDR 格式化的日期和时间。
date-time = { $date } { $time }
time-span-day = { $start } – { $end } { $zone }
time-span = { $start } – { $end } { $zone }
time-with-zone = { $time }（{ $zone }）
utc = UTC
region-AFR = 非洲
region-AMS = 美洲
region-ARB = 阿拉伯国家
region-ASP = 亚太
region-CIS = 独联体
region-EUR = 欧洲
kind-meeting = 会议
kind-workshop = 讲习班
kind-conference = 大会
kind-session = 会期
mode-in_person = 现场
mode-virtual = 线上
mode-hybrid = 混合
status-proposed = 拟议
status-confirmed = 已确认
status-cancelled = 已取消
severity-hard = 严重
severity-soft = 轻微
clash-room_overlap = 会议室重复预订
clash-group_overlap = 区域组同时有两场会议
clash-participant_overlap = 与会者时间重叠
clash-region_overlap = 区域内同时有两项活动
clash-venue_closed = 会场关闭
clash-remote_hours = 超出远程与会者的时间
clash-detail-room_overlap = 两项活动同时占用同一会议室
clash-detail-group_overlap = { $group } 组同时有两项活动
clash-detail-participant_overlap = 两项活动都需要与会者 { $participant } 出席
clash-detail-calendar_busy = 根据 { $participant } 自己的日历，该时段已有安排
clash-detail-region_overlap = { $region }区域的两项活动在不同会场时间重叠，争夺同一批代表
clash-detail-venue_closed = { $date }是会场的周末或公共假日
clash-detail-remote_hours = 远程与会者 { $participant } 将于 { $span }（{ $zone }）参会，超出周一至周五 { $from }–{ $to } 的可接受时间
clash-detail-remote_hours-unknown-zone = 远程与会者 { $participant } 将在当地时间周一至周五 { $from }–{ $to } 的可接受时间之外参会
role-admin = 管理员
role-organiser = 组织者
role-viewer = 读者
term-regional-group = 区域组
term-study-group = 研究组
seats = { $count ->
   *[other] { $count } 个座位
}

## 为何未找到或未安排（规划工具的说明）

list-separator = {"；"}
why-no-window-range = 没有可用时段：时间范围短于会议时长
why-no-window-participant = 没有可用时段：{ $participant } 在 { $blocked }% 的候选时段不可用（{ $outside }% 超出可接受时间，{ $busy }% 已有安排）；必需与会者合在一起排除了所有候选时段
why-no-window = 未找到可用时段
why-no-dates = 没有候选日期：在 { $venue }（{ $zone }；节假日取自日历 { $calendar }）没有一段连续工作日能排在参照会议前后 { $gap } 个工作日之内
why-no-room-that-large = { $venue } 没有可容纳 { $seats } 人的会议室（最大可容纳 { $largest } 人）
why-no-free-room = 在全部 { $dates } 个候选日期，{ $venue } 都没有可容纳 { $seats } 人的空闲会议室
why-season-no-room = 其会场在 { $from } 至 { $to } 期间没有哪个工作日有可容纳 { $seats } 人的会议室（最大可容纳 { $largest } 人）
why-season-no-run = 其会场在 { $from } 至 { $to } 期间没有连续 { $days } 个工作日
why-season-taken = 其会场在 { $from } 至 { $to } 期间每个有可容纳 { $seats } 人会议室的工作日都已被现有活动占用：{ $causes }
why-season-costs-more = 其 { $positions } 个候选安排中有 { $free } 个空闲，但安排它的代价高于不安排的代价 { $weight }
why-season-blocked = 其 { $positions } 个候选安排都与已安排的活动冲突（会议室、小组，或在那里必需或现场出席的与会者）：{ $events }
why-cause-group = { $group } 组在“{ $event }”开会
why-cause-required = 必需与会者 { $participant } 须出席“{ $event }”
why-cause-in-person = 与会者 { $participant } 在另一会场现场出席“{ $event }”
why-cause-rooms-booked = { $venue } 所有可容纳 { $seats } 人的会议室均已预订
why-cause-count = { $cause }（{ $total } 个中的 { $count } 个）
why-placed-count = “{ $event }”（{ $count }）

## 字段有误（校验）

invalid-date = “{ $value }”不是 2027-04-04 这样的日期（YYYY-MM-DD）
invalid-date-bounds = { $value } 超出 tandem 接受的日期范围（{ $first } 至 { $last }）
invalid-minutes-positive = 必须是正的分钟数
invalid-minutes-max = 不得超过 { $max } 分钟
invalid-range-empty = 时间范围为空：结束必须晚于开始
invalid-range-shorter = 时间范围短于会议时长
invalid-too-many-candidates = 该请求有 { $count } 个候选时段，超过允许的 { $max } 个：请缩短时间范围或加大步长
invalid-participants-none = 至少需要一名与会者
invalid-participants-max = 与会者最多 { $max } 名
invalid-zone-missing = 必须提供时区
invalid-zone = 未知时区“{ $value }”：应为 IANA 名称，例如 Africa/Douala
invalid-time-of-day = 时间“{ $value }”无效：应为 00:00 至 24:00 之间的 HH:MM
invalid-instant = “{ $value }”不是 2027-03-01T00:00:00Z 这样的 RFC 3339 时刻
invalid-text-empty = 不能为空
invalid-text-too-long = 不得超过 { $max } 个字符
invalid-dst-gap = { $value } 在 { $zone } 中不存在：夏令时调整时时钟跳过了这一时刻
invalid-end-before-start = 必须晚于开始时间
invalid-event-too-long = 一项活动最长 { $max } 天；系列活动请使用“rrule”

## 季度规划请求有误（校验）

season-invalid-date = “{ $value }”不是 2027-03-08 这样的日期（YYYY-MM-DD）
season-invalid-date-bounds = { $value } 超出可接受的日期范围（1990-01-01 至 2099-12-31）
season-invalid-weight = { $value } 不是有效权重：权重为不超过 1e9 的非负数
season-invalid-range-empty = 时间范围为空：{ $last } 早于 { $first }
season-invalid-range-long = 时间范围最多 { $max } 天
season-invalid-gap = 必须是 0 至 { $max } 之间的整数个工作日
season-invalid-time-limit = 不允许 { $value }：时限必须大于 0 且不超过 { $max } 秒
season-unknown-event = 未知活动“{ $id }”
season-fixed-cancelled = 活动“{ $id }”已取消：固定活动必须保留
season-event-twice = 活动“{ $id }”列出了两次
season-fixed-venue = 活动“{ $id }”位于会场“{ $venue }”，该会场不在会场列表中
season-fixed-room = 活动“{ $id }”位于会议室“{ $room }”，其会场没有该会议室
season-too-many-events = 每个请求最多 { $max } 项活动
season-id-twice = 标识“{ $id }”被两项活动使用
season-id-existing = 标识“{ $id }”已属于一项现有活动
season-unknown-group = 未知小组“{ $group }”
season-invalid-days = 必须是 1 至 { $max } 之间的整数天数
season-invalid-daily-end = 必须晚于开始时间（{ $start }）；会议在开始当天结束
season-no-venue = 至少需要一个会场
season-unknown-venue = 未知会场“{ $venue }”
season-venue-twice = 会场“{ $venue }”列出了两次
season-latest-before-earliest = { $latest } 早于最早日期（{ $earliest }）
season-too-many-participants = 每项活动最多 { $max } 名与会者
season-participant-twice = 与会者“{ $participant }”列出了两次
season-virtual-in-person = 线上活动没有现场与会者
season-invalid-seats = 必须是 0 至 { $max } 之间的整数座位数
season-alongside-itself = 活动“{ $event }”不能与自身同期举行
season-alongside-not-fixed = 活动“{ $event }”不在“fixed”中：只有固定活动才能作为参照
season-alongside-cancelled = 活动“{ $event }”已取消
season-alongside-unknown = “{ $name }”既不是小组，也不是固定活动或本请求中的活动
season-alongside-twice = “{ $name }”列出了两次
