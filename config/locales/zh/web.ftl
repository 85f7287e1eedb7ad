# tandem 网页。

## 所有页面

page-title = { $title } · tandem
skip-to-content = 跳到正文
nav-main = 主菜单
nav-events = 会议
nav-planner = 规划工具
nav-colocation = 同期活动
nav-season = 会期
nav-clashes = 冲突
nav-api = API
language-switcher = 语言
language-self = 中文

## 错误

not-found-title = 未找到
not-found-text = 该页面或会议不存在。
not-found-back = 全部会议
busy-title = 服务繁忙
busy-heading = tandem 繁忙
busy-text = 数据库繁忙或无法连接，请稍后重试。
error-title = 错误
error-heading = 出现错误
error-text = 错误已记录，请重试。
refused-title = 未完成
refused-heading = 操作未完成
refused-changed-meanwhile = 会议在此期间已有改动：请重新加载页面后再试
form-expired-title = 表单已过期
form-expired-heading = 此表单已过期
form-expired-text = 请刷新页面后重新提交表单。

## 时间

## 订阅

subscribe = 订阅
subscribe-label = 在日历应用中订阅{ $feed }
subscribe-https = https 源
subscribe-https-label = { $feed }的 https 源
feed-all = 全部会议
feed-region = { $code } 区域
feed-group = { $code } 组
feed-event = 本次会议
feed-the-region = 本区域
feed-the-group = 本组

## 参考术语


## 首页

home-title = 近期会议
home-intro = 时间均为各会议会场的当地时间。订阅某个区域或组，即可在您自己的日历应用中看到每一项变动。
home-plan-link = 跨时区安排通话
home-empty = 近期没有会议。
home-region = { $name }（{ $code }）
home-other-events = 本区域的其他活动
home-all-events = 全部会议：

## 会议页面

event-when = 时间
event-venue-zone = （{ $zone }，会场所在时区）
event-repeats = 重复：{ $rule }
event-room = { $room }（{ $seats }）
event-remote = 远程参会：
event-cities = { $region }主要城市的时间
event-city = 城市
event-local-time = 当地时间
event-alongside = 同期举办
event-no-alongside = 没有同期举办的活动。
event-clashes = 冲突
event-no-clash = 没有冲突。
event-other = 另一项活动
event-subscribe = 订阅
event-this-event = 本次会议：
event-download = 下载 .ics

## 规划工具

planner-title = 规划工具
planner-heading = 跨时区安排通话
planner-places = 地点，每行一个：城市（日内瓦、雅温得、曼谷……）或时区（Asia/Kathmandu），后面可附导入日历的 ID
planner-from = 起始日期（UTC）
planner-to = 结束日期（UTC，含当日）
planner-duration = 时长（分钟）
planner-submit = 查找时段
planner-correction = 表单需要更正：
planner-best = 最佳时段
planner-no-window = 没有合适的时段。
planner-legend-working = 工作时间
planner-legend-acceptable = 可接受时间
planner-legend-night = 夜间 / 非工作时间
planner-legend-windows = 最佳时段
planner-considered = { $count ->
   *[other] 共考虑了 { $count } 个候选时段。
}
planner-rank = 序号
planner-local-times = 当地时间
planner-outside-hours = 工作时间之外
planner-minutes = { $minutes } 分钟
planner-strips-title = { $day }（UTC）的 24 小时时间条，每个地点一条
planner-strips-caption = { $day }（顶部为 UTC 小时，各时间条内为当地小时）
planner-window = 时段 { $rank }：{ $start } – { $end }
planner-utc-hour = { $hour }Z
planner-error-calendars-first = 第 { $line } 行：日历前面需要先写地点
planner-error-unknown-place = 第 { $line } 行：“{ $place }”既不是参考数据中的城市，也不是 IANA 时区
planner-error-no-place = 请至少填写一个地点
planner-error-duration = “{ $value }”不是分钟数
field-places = 地点
field-from = 起始日期
field-to = 结束日期
field-duration = 时长

## 同期活动

coloc-title = 同期活动
coloc-heading = 与另一项活动同期举办
coloc-intro = 第 21 号决议：讲习班与区域组会议同期举办，反之亦然。候选方案使用基准会议的会场、工作日和空闲会议室。
coloc-anchor = 基准会议
coloc-event-title = 标题
coloc-kind = 类型
coloc-default-title = 区域讲习班
coloc-days = 工作日数
coloc-gap = 最大间隔（工作日）
coloc-seats = 所需座位
coloc-placement = 安排方式
placement-before = 之前
placement-after = 之后
placement-during = 期间（平行会议室）
coloc-submit = 查找日期
coloc-candidates = 候选方案
coloc-no-candidate = 没有合适的候选方案。
coloc-room = 会议室 { $room }（{ $seats }）
coloc-gap-days = { $days ->
   *[other] 间隔 { $days } 个工作日
}
coloc-no-clash = 无冲突
coloc-create = 创建此方案
coloc-signin = 登录后即可创建
coloc-not-created-title = 未创建
coloc-not-created-heading = 活动未创建
coloc-back = 返回同期活动

## 冲突

clashes-title = 冲突
signout = 退出登录
clashes-signed-in-label = 已使用令牌“{ $label }”登录（{ $role }）。
clashes-signed-in = 已使用令牌登录（{ $role }）。
clashes-resolved = 冲突 { $id } 已解决。
clashes-empty = 您的区域没有冲突。
clashes-no-fix = 没有建议：请手动修改活动。
fix-move = 改期
fix-switch_room = 更换会议室
clashes-fix = { $action }：{ $start } – { $end }（{ $zone }）
clashes-leaves = { $count ->
   *[other] 仍余 { $count } 个冲突
}
clashes-apply = 应用
clashes-not-applied-title = 未应用
clashes-not-applied-heading = 建议未能应用
clashes-back = 返回冲突列表

## 登录

signin-title = 登录
signin-heading = 组织者登录
signin-token = API 令牌（用 { $command } 创建）
signin-submit = 登录
signin-note = 令牌只校验一次，绝不会保存在您的浏览器中；保存的只是会话 Cookie。
signin-unknown = 该令牌未知或已被撤销。

## Season planning (/seasons)
season-title = 会期规划
season-heading = 规划一个会期
season-intro = 一次性安排整个会期的会议、讲习班和论坛，每项活动与其所属的会议同期举行（第21号决议）。场地和固定活动以其在本数据库中的标识符表示。
season-document = 会期文件（JSON）
season-submit = 规划会期
season-demo-loaded = 已填入演示会期：与雅温得的SG3RG-AFR会议和开罗的SG5RG-ARB会议同期举行的讲习班和论坛。
season-plan = 规划方案
season-cost = 成本
season-status-optimal = 已证明为最优
season-status-feasible = 可行，未证明为最优
season-bound = 已证明的下界
season-placed = 已安排的活动
season-colocations = 所需的同期举办
season-trips = 出行次数
season-trips-apart = 分开举办时的出行次数
season-soft-clashes = 软冲突
season-chart = 按场地和日期显示的规划方案：每个条形代表一项活动；同期举办的活动组加框并编号。
season-legend-placed = 已安排的活动
season-legend-fixed = 固定会议
season-legend-closed = 周末或节假日
season-legend-cluster = 同期举办的活动组
season-table = 安排
season-col-event = 活动
season-col-venue = 场地
season-col-room = 会议室
season-col-days = 日期
season-col-alongside = 同期举办
season-col-cluster = 组
season-fixed = 固定
season-unplaced = 未安排
season-none-unplaced = 所有活动均已安排。
season-apply = 应用：将这些活动创建为拟议活动
season-apply-signin = 以组织者身份登录以应用此规划方案
season-applied-title = 会期已应用
season-applied-heading = 规划方案已应用
season-applied-intro = 已创建以下拟议活动，每项均与其同期举办的活动相关联。
season-not-applied-title = 未应用
season-not-applied-heading = 规划方案未应用
season-back = 返回会期规划

## API 参考（/api/docs）

apidocs-title = API 参考
apidocs-intro = tandem HTTP API 的全部操作，取自其 OpenAPI 文档（{ $document }）。说明文字为文档原文（英文）。如需在浏览器中试用这些操作，请打开{ $console }。
apidocs-console = 交互式控制台（Swagger UI）
apidocs-auth = 在服务器允许的范围内可自由读取；写入需要 API 令牌，以 { $header } 的形式发送。
apidocs-contents = 目录
apidocs-schemas = 数据结构
apidocs-parameters = 参数
apidocs-name = 名称
apidocs-in = 位置
apidocs-in-query = 查询字符串
apidocs-in-path = 路径
apidocs-in-header = 请求头
apidocs-in-cookie = Cookie
apidocs-type = 类型
apidocs-required = 必填
apidocs-description = 说明
apidocs-yes = 是
apidocs-no = 否
apidocs-body = 请求体：
apidocs-body-required = 必填
apidocs-responses = 响应
apidocs-status = 状态
apidocs-values = 取值：
apidocs-fields = { $schema } 的字段
