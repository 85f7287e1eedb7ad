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
