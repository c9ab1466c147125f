"""gkgen: 政府信息公开工作年度报告 from Markdown and YAML to accessible HTML and print PDF."""

__version__ = "0.1.0"
