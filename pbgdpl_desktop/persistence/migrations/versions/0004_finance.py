"""finance tables: category catalogue, norm table, budget lines + adjustments, expenditure ledger;
seeds the TT 56/2023 categories and ceilings with fixed ids (uuid5 of the code), so every ward database holds
the same catalogue rows and sync never duplicates them.

Links from ``expenditure`` to other modules' tables are plain id columns without foreign keys (see
persistence/models/finance.py).

Revision ID: 0004_finance
Revises: 0003_mediation
"""

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns

revision = "0004_finance"
down_revision = "0003_mediation"
branch_labels = None
depends_on = None

SEED_NAMESPACE = uuid.UUID("6b1f4f0e-8c55-4d4e-9d0a-2f6a56f0c0de")
SEED_TIME = datetime(2023, 10, 6)  # naive UTC, as UTCDateTime stores it


def _fk(table: str, column: str, target: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}")


def _create_tables() -> None:
    op.create_table(
        "finance_category",
        *sync_columns("finance_category"),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("legal_ref", sa.String(300), nullable=False),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("needs_quantity", sa.Boolean(), nullable=False),
        sa.Column("area", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
    )
    op.create_table(
        "finance_norm",
        *sync_columns("finance_norm"),
        sa.Column("category_code", sa.String(40), nullable=False),
        sa.Column("variant", sa.String(40), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("provincial", sa.Boolean(), nullable=False),
        sa.Column("resolution_number", sa.String(80), nullable=False),
        sa.Column("resolution_date", sa.Date(), nullable=True),
    )
    op.create_table(
        "budget_line",
        *sync_columns("budget_line"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "category_id",
            sa.String(36),
            _fk("budget_line", "category_id", "finance_category"),
            nullable=False,
        ),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("planned_amount", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
    )
    op.create_table(
        "budget_adjustment",
        *sync_columns("budget_adjustment"),
        sa.Column(
            "budget_line_id",
            sa.String(36),
            _fk("budget_adjustment", "budget_line_id", "budget_line"),
            nullable=False,
        ),
        sa.Column("adjusted_on", sa.Date(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
    )
    op.create_table(
        "expenditure",
        *sync_columns("expenditure"),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column(
            "category_id",
            sa.String(36),
            _fk("expenditure", "category_id", "finance_category"),
            nullable=False,
        ),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("norm_variant", sa.String(40), nullable=False),
        sa.Column("voucher_number", sa.String(60), nullable=False),
        sa.Column("voucher_key", sa.String(60), nullable=False),
        sa.Column("voucher_date", sa.Date(), nullable=True),
        sa.Column("payee", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("search_folded", sa.Text(), nullable=False),
        sa.Column("session_id", sa.String(36), nullable=True),
        sa.Column("plan_task_id", sa.String(36), nullable=True),
        sa.Column("fee_request_id", sa.String(36), nullable=True),
        sa.Column("team_id", sa.String(36), nullable=True),
        sa.Column("support_month", sa.Integer(), nullable=True),
        sa.Column("contest_name", sa.String(200), nullable=False),
    )


def _create_indexes() -> None:
    indexes = {
        "finance_category": ["code"],
        "finance_norm": ["category_code"],
        "budget_line": ["category_id"],
        "budget_adjustment": ["budget_line_id"],
        "expenditure": [
            "spent_on",
            "category_id",
            "voucher_key",
            "search_folded",
            "session_id",
            "plan_task_id",
            "fee_request_id",
            "team_id",
        ],
    }
    for table, columns in indexes.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column])
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])
    op.create_index("ix_budget_line_year_category", "budget_line", ["year", "category_id", "source"])


def _sync_values(key: str) -> dict:
    return {
        "id": str(uuid.uuid5(SEED_NAMESPACE, key)),
        "created_at": SEED_TIME,
        "updated_at": SEED_TIME,
        "deleted_at": None,
        "revision": 1,
        "change_seq": 0,
    }


# Seed rows frozen as literals at release (0.1.0): this revision must do the same thing forever, whatever the
# domain catalogue becomes later (a change there goes into a new revision).
# (code, name, legal reference, unit, needs quantity, area)
SEED_CATEGORIES = (
    (
        "CONG_TAC_PHI_HOI_NGHI",
        "Công tác phí, hội nghị, sơ kết, tổng kết",
        "Thông tư 40/2017/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
    (
        "TAP_HUAN",
        "Tập huấn, bồi dưỡng báo cáo viên, tuyên truyền viên, hòa giải viên",
        "Thông tư 36/2018/TT-BTC; Thông tư 06/2023/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
    (
        "HOI_THAO_HOP_HOI_DONG",
        "Hội thảo, tọa đàm; họp Hội đồng phối hợp PBGDPL",
        "Thông tư 03/2023/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
    (
        "HOP_DANH_GIA_TCPL_XA",
        "Họp đánh giá chuẩn tiếp cận pháp luật cấp xã",
        "Thông tư 338/2016/TT-BTC (sửa đổi bởi Thông tư 42/2022/TT-BTC)",
        "",
        False,
        "pbgdpl",
    ),
    (
        "CNTT",
        "Công nghệ thông tin, đăng tải thông tin pháp luật, hỏi đáp",
        "Nghị định 73/2019/NĐ-CP",
        "",
        False,
        "pbgdpl",
    ),
    ("BIEN_SOAN_TAI_LIEU", "Biên soạn tài liệu", "Thông tư 76/2018/TT-BTC", "", False, "pbgdpl"),
    (
        "IN_AN_TRUYEN_THONG",
        "In ấn, pa-nô, khẩu hiệu, truyền thông, bảng tin",
        "Chứng từ chi thực tế hợp pháp",
        "",
        False,
        "pbgdpl",
    ),
    (
        "BIEN_DICH",
        "Biên dịch, dịch sang tiếng dân tộc thiểu số",
        "Thông tư 71/2018/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
    (
        "TAI_LIEU_DAC_THU",
        "Sản phẩm đặc thù (tờ gấp, kịch bản hỏi đáp, tình huống, tiểu phẩm)",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "sản phẩm",
        True,
        "pbgdpl",
    ),
    ("KHEN_THUONG", "Khen thưởng", "Quy định về thi đua, khen thưởng", "", False, "pbgdpl"),
    (
        "DIEU_TRA_KHAO_SAT",
        "Điều tra, khảo sát",
        "Thông tư 109/2016/TT-BTC; Thông tư 37/2022/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
    ("LAM_THEM_GIO", "Làm thêm giờ", "Bộ luật Lao động", "", False, "pbgdpl"),
    (
        "XAY_DUNG_KE_HOACH",
        "Xây dựng chương trình, kế hoạch",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "",
        False,
        "pbgdpl",
    ),
    (
        "THU_LAO_BCV_TTV",
        "Thù lao báo cáo viên, tuyên truyền viên, hòa giải viên làm giảng viên",
        "Thông tư 36/2018/TT-BTC; Thông tư 06/2023/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
    ("CLB_PHAP_LUAT", "Câu lạc bộ pháp luật", "Thông tư 56/2023/TT-BTC, Điều 3", "", False, "pbgdpl"),
    (
        "CUOC_THI",
        "Cuộc thi tìm hiểu pháp luật (giải thưởng, thuê diễn viên)",
        "Thông tư 56/2023/TT-BTC; Thông tư 69/2021/TT-BTC; Thông tư 40/2017/TT-BTC",
        "giải",
        False,
        "pbgdpl",
    ),
    ("BAO_CAO_THONG_KE", "Báo cáo, thống kê", "Thông tư 56/2023/TT-BTC, Điều 3", "báo cáo", False, "pbgdpl"),
    (
        "KIEM_TRA_GIAM_SAT",
        "Kiểm tra, giám sát",
        "Thông tư 06/2017/TT-BTC; Thông tư 40/2017/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
    ("KHAC", "Chi khác liên quan trực tiếp", "Chứng từ chi thực tế hợp pháp", "", False, "pbgdpl"),
    (
        "HGCS_THU_LAO",
        "Thù lao hòa giải viên theo vụ việc",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "vụ việc",
        True,
        "mediation",
    ),
    (
        "HGCS_HO_TRO_TO",
        "Hỗ trợ hoạt động của tổ hòa giải",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "tổ/tháng",
        True,
        "mediation",
    ),
    (
        "HGCS_TAI_NAN",
        "Hỗ trợ hòa giải viên gặp tai nạn, rủi ro",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "",
        False,
        "mediation",
    ),
    (
        "RA_SOAT_VBQPPL",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
        "Thông tư 09/2023/TT-BTC",
        "",
        False,
        "pbgdpl",
    ),
)
# (category code, variant, ceiling in đồng, unit, effective from, source)
SEED_NORMS = (
    ("HGCS_THU_LAO", "not_settled", 300000, "vụ việc", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("HGCS_THU_LAO", "settled", 400000, "vụ việc", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("HGCS_HO_TRO_TO", "", 150000, "tổ/tháng", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("TAI_LIEU_DAC_THU", "leaflet", 1500000, "tờ gấp", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("TAI_LIEU_DAC_THU", "qa_scenario", 450000, "kịch bản hỏi đáp", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    (
        "TAI_LIEU_DAC_THU",
        "legal_story",
        2250000,
        "tình huống/câu chuyện pháp luật",
        "2023-10-06",
        "Thông tư 56/2023/TT-BTC",
    ),
    (
        "TAI_LIEU_DAC_THU",
        "legal_sketch",
        7500000,
        "tiểu phẩm pháp luật",
        "2023-10-06",
        "Thông tư 56/2023/TT-BTC",
    ),
    ("CUOC_THI", "prize_1_team", 15000000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_1_person", 9000000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_2_team", 10500000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_2_person", 4500000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_3_team", 7500000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_3_person", 3000000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_encourage_team", 4500000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_encourage_person", 1500000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "prize_minor", 750000, "giải", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("CUOC_THI", "performer_day", 450000, "người/ngày", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
    ("BAO_CAO_THONG_KE", "data_collection", 75000, "báo cáo", "2023-10-06", "Thông tư 56/2023/TT-BTC"),
)


def _seed() -> None:
    meta = sa.MetaData()
    meta.reflect(bind=op.get_bind(), only=("finance_category", "finance_norm"))
    categories = [
        {
            **_sync_values(f"category:{code}"),
            "code": code,
            "name": name,
            "legal_ref": legal_ref,
            "unit": unit,
            "needs_quantity": needs_quantity,
            "area": area,
            "active": True,
            "builtin": True,
            "sort_order": i * 10,
        }
        for i, (code, name, legal_ref, unit, needs_quantity, area) in enumerate(SEED_CATEGORIES, start=1)
    ]
    norms = [
        {
            **_sync_values(f"norm:{category}:{variant}:{effective}"),
            "category_code": category,
            "variant": variant,
            "amount": amount,
            "unit": unit,
            "effective_from": date.fromisoformat(effective),
            "source": source,
            "provincial": False,
            "resolution_number": "",
            "resolution_date": None,
        }
        for category, variant, amount, unit, effective, source in SEED_NORMS
    ]
    op.bulk_insert(meta.tables["finance_category"], categories)
    op.bulk_insert(meta.tables["finance_norm"], norms)


def upgrade() -> None:
    _create_tables()
    _create_indexes()
    _seed()


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
