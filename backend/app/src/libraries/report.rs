//! The downloadable error report of an import batch: one XLSX sheet with row, column, code and message.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use weikao_store::libraries::Batch;

/// Builds the report workbook of a batch (the stored errors, at most `import::STORED_ERRORS`).
pub fn error_report(batch: &Batch) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("错误报告")?;
    for (c, h) in ["行号 row", "列 column", "代码 code", "说明 message"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let errors = batch.errors.as_array().cloned().unwrap_or_default();
    for (i, e) in errors.iter().enumerate() {
        let r = (i + 1) as u32;
        ws.write_number(r, 0, e["row"].as_f64().unwrap_or(0.0))?;
        ws.write_string(r, 1, e["column"].as_str().unwrap_or(""))?;
        ws.write_string(r, 2, e["code"].as_str().unwrap_or(""))?;
        ws.write_string(r, 3, e["message"].as_str().unwrap_or(""))?;
    }
    let summary = errors.len() as u32 + 2;
    ws.write_string(
        summary,
        0,
        format!(
            "批次 {} · {} · 共 {} 行，导入 {} 行，拒绝 {} 行，错误 {} 条（表中列出前 {} 条）",
            batch.id,
            batch.library,
            batch.rows_total,
            batch.rows_loaded,
            batch.rows_rejected,
            batch.error_count,
            errors.len()
        ),
    )?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 22)?;
    ws.set_column_width(3, 60)?;
    wb.save_to_buffer()
}
