# Field errors of the application and the store: imported calendars, windows from files and
# URLs, references to venues, rooms and calendars (DESIGN §16).

## 无法读取的 iCalendar 文档（原因由解析器给出）

calendar-unreadable-line = 无法读取日历，第 { $line } 行：{ $reason }
calendar-unreadable = 无法读取日历：{ $reason }

## 时段搜索所用的日历

windows-unknown-calendar = 没有标识为“{ $id }”的导入日历
windows-file-unreadable = 文件 { $path }：{ $reason }
windows-file-cannot-read = 无法读取 { $path }：{ $reason }
windows-read-failed = 读取此日历时意外失败

## 同期活动的基准活动

colocation-unknown-anchor = 没有标识为“{ $id }”的活动
colocation-anchor-no-venue = 基准活动没有会场，无法安排与其同期举办的活动

## 季度规划中的一场会议

season-session-invalid = { $date }在会场“{ $venue }”举行的会议：{ $reason }

## 从 URL 导入日历

import-url-not-url = 无效的 URL（{ $reason }）
import-url-no-host = 该 URL 没有主机名
import-url-scheme = 不支持“{ $scheme }”协议：请使用 https、http 或 webcal
import-redirect-no-location = 重定向缺少 Location 标头
import-redirect-invalid = 重定向到无效的 URL（{ $reason }）
import-redirect-scheme = 重定向到不支持的“{ $scheme }”协议
import-too-large = 日历超过 { $limit } 字节的大小上限
import-too-many-redirects = 重定向超过 { $max } 次
import-refused-resolves = 已拒绝：{ $host } 解析为 { $address }，这不是公网地址（{ $range }）；日历只从公网地址获取（如需允许，请将该主机加入 import.allow_hosts）
import-refused-address = 已拒绝：{ $host } 不是公网地址（{ $range }）；日历只从公网地址获取（如需允许，请将该主机加入 import.allow_hosts）
import-refused-scheme = 已拒绝：{ $host }：不支持“{ $scheme }”协议：请使用 https、http 或 webcal
import-refused-no-host = 已拒绝：{ $host }：该 URL 没有主机名
import-refused-no-address = 已拒绝：名称 { $host } 无法解析为任何地址

## 存储层检查的引用

reference-no-venue = 没有标识为 { $id } 的会场
reference-no-room = 会场 { $venue } 没有会议室 { $room }
reference-room-without-venue = 指定会议室时须同时提供其会场的 venue_id
reference-no-alongside = 没有标识为 { $id } 的其他活动
reference-no-occurrence = 该活动一次也不举行
reference-rule = 无法应用重复规则：{ $reason }
