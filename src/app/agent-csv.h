/* agent-csv.h — CSV files as spreadsheets write them: UTF-8 or GBK, with line numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AgentCsvEncoding:
 * @AGENT_CSV_ENCODING_AUTO: UTF-8 when the file has a byte-order mark or is valid UTF-8,
 *   GBK otherwise (reading only; writing treats it as UTF-8)
 * @AGENT_CSV_ENCODING_UTF8: UTF-8 (a byte-order mark is skipped when reading)
 * @AGENT_CSV_ENCODING_GBK: GBK, as Excel saves CSV on Chinese Windows (read as GB18030,
 *   which GBK is a part of)
 */
typedef enum
{
  AGENT_CSV_ENCODING_AUTO,
  AGENT_CSV_ENCODING_UTF8,
  AGENT_CSV_ENCODING_GBK,
} AgentCsvEncoding;

/**
 * AgentCsvRecord:
 * @line: the line of the file where the record starts, from 1
 * @fields: (array zero-terminated=1): the fields, in UTF-8, outer spaces kept
 */
typedef struct
{
  guint   line;
  char  **fields;
} AgentCsvRecord;

/**
 * AgentCsvProblem:
 * @line: the line of the file, from 1
 * @message: what is wrong, in a sentence for a person
 */
typedef struct
{
  guint   line;
  char   *message;
} AgentCsvProblem;

/**
 * AgentCsvProgressFunc:
 * @done: bytes read so far
 * @total: bytes in all
 * @user_data: the data given with the function
 */
typedef void (*AgentCsvProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

typedef struct _AgentCsvTable AgentCsvTable;

#define AGENT_TYPE_CSV_TABLE (agent_csv_table_get_type ())

GType                  agent_csv_table_get_type         (void) G_GNUC_CONST;
AgentCsvTable         *agent_csv_parse                  (const char           *data,
                                                         gsize                 length,
                                                         AgentCsvEncoding      encoding,
                                                         AgentCsvProgressFunc  progress,
                                                         gpointer              user_data);
AgentCsvTable         *agent_csv_table_ref              (AgentCsvTable        *table);
void                   agent_csv_table_unref            (AgentCsvTable        *table);
AgentCsvEncoding       agent_csv_table_get_encoding     (AgentCsvTable        *table);
guint                  agent_csv_table_get_n_records    (AgentCsvTable        *table);
const AgentCsvRecord  *agent_csv_table_get_record       (AgentCsvTable        *table,
                                                         guint                 index);
guint                  agent_csv_table_get_n_problems   (AgentCsvTable        *table);
const AgentCsvProblem *agent_csv_table_get_problem      (AgentCsvTable        *table,
                                                         guint                 index);
void                   agent_csv_table_add_problem      (AgentCsvTable        *table,
                                                         guint                 line,
                                                         const char           *message);
char                  *agent_csv_table_describe_problems (AgentCsvTable       *table,
                                                         guint                 max_lines);

void                   agent_csv_read_file_async        (GFile                *file,
                                                         AgentCsvEncoding      encoding,
                                                         AgentCsvProgressFunc  progress,
                                                         gpointer              progress_data,
                                                         GDestroyNotify        progress_destroy,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
AgentCsvTable         *agent_csv_read_file_finish       (GAsyncResult         *result,
                                                         GError              **error);

void                   agent_csv_append_row             (GString              *out,
                                                         const char * const   *fields);
GBytes                *agent_csv_encode                 (const char           *text,
                                                         AgentCsvEncoding      encoding,
                                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AgentCsvTable, agent_csv_table_unref)

G_END_DECLS
