# 问题文档（RFC 9457）。

problem-invalid-request = 请求无效
problem-not-found = 未找到
problem-unauthorized = 需要身份验证
problem-forbidden = 禁止访问
problem-clash = 会议室已被预订
problem-conflict = 冲突
problem-stale-version = 资源已更改
problem-source-unreachable = 无法获取日历
problem-too-large = 请求正文过大
problem-unsupported-media-type = 不支持的媒体类型
problem-rate-limited = 请求过多
problem-unavailable = 服务不可用
problem-internal = 内部错误
problem-unavailable-detail = 数据库繁忙或无法连接，请稍后重试
problem-internal-detail = 发生了意外错误，已记录在案
problem-too-large-detail = 请求正文超出了 tandem 接受的大小

# tandem 使用请求中的值写出的详细说明。
problem-detail-bearer-expected = 需要 'Authorization: Bearer <token>'
problem-detail-token-needed = 此操作需要令牌：请发送 'Authorization: Bearer <token>'
problem-detail-token-unknown = 令牌未知或已被撤销
problem-detail-viewer-read-only = 查看者令牌不能进行任何更改
problem-detail-viewer-feed-tokens = 查看者令牌不能管理日历令牌
problem-detail-feed-token-own = 日历令牌只能管理其所属参会者的令牌
problem-detail-region-outside = 此组织者令牌涵盖 { $regions }；区域 { $region } 不在其内
problem-detail-no-such-feed = 没有这个日历
problem-detail-token-revoked = 此令牌已被撤销，请新建一个
problem-detail-event-not-rewritable = 该会议已无法再改写
problem-detail-stored-event-not-rewritable = 已存储的会议已无法再改写
problem-detail-send-json = 请以 JSON 发送正文，并使用 'Content-Type: application/json'
problem-detail-no-event = 没有 id 为 { $id } 的会议
problem-detail-no-venue = 没有 id 为 { $id } 的会场
problem-detail-no-calendar = 没有 id 为 { $id } 的日历
problem-detail-no-clash = 没有 id 为 { $id } 的冲突
problem-detail-no-feed-token = 没有 id 为 { $id } 的日历令牌
problem-detail-no-token = 没有 id 为 { $id } 的令牌
problem-detail-no-open-clash = 没有 id 为 { $id } 的未解决冲突（可能已经解决：用 GET 获取其历史）
problem-detail-no-group = 没有组 { $code }
problem-detail-no-region = 没有区域 { $code }：应为 AFR、AMS、ARB、ASP、CIS 或 EUR
problem-detail-no-feed-file = 没有日历 { $file }：日历名称以 .ics 结尾
problem-detail-suggestion-stale = 建议 { $suggestion } 已不适用于冲突 { $id }；请用 GET 获取该冲突的当前建议
problem-detail-stale-version = If-Match 指定的是版本 { $expected }，但该会议已是版本 { $current }：请重新读取后再试
problem-detail-room-held = 该时段会议室已被占用：{ $events }
problem-detail-rate-limited = 此客户端一次发送了超过 { $burst } 个请求或每秒超过 { $rate } 个；请在 { $seconds } 秒后重试
problem-invalid-request-detail = 有 { $count } 个字段无效：{ $fields }
