"""The six parts of the report, in the official order (spec section 2)."""

from gkgen.format.spec import Part

PARTS: tuple[Part, ...] = (
    Part(1, "一、总体情况", "1-overview.md", None,
         "概述本年度主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况，开头写明统计期限。"),
    Part(2, "二、主动公开政府信息情况", "2-proactive.yaml", "t2",
         "按《中华人民共和国政府信息公开条例》第二十条填写本年度主动公开数据。"),
    Part(3, "三、收到和处理政府信息公开申请情况", "3-requests.yaml", "t3",
         "按申请人类别填写本年度收到和处理的政府信息公开申请数据。"),
    Part(4, "四、政府信息公开行政复议、行政诉讼情况", "4-reviews.yaml", "t4",
         "填写本年度因政府信息公开引起的行政复议、行政诉讼数据。"),
    Part(5, "五、存在的主要问题及改进情况", "5-problems.md", None,
         "写明本年度存在的主要问题、对应的改进措施，以及上年度问题的整改情况；工作计划指向下一年度。"),
    Part(6, "六、其他需要报告的事项", "6-other.md", None,
         "说明本年度收取信息处理费情况（金额或未收取），以及其他需要报告的事项。"),
)
