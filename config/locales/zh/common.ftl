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
role-admin = 管理员
role-organiser = 组织者
role-viewer = 读者
term-regional-group = 区域组
term-study-group = 研究组
seats = { $count ->
   *[other] { $count } 个座位
}
