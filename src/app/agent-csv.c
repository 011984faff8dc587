/* agent-csv.c — CSV files as spreadsheets write them: UTF-8 or GBK, with line numbers
 *
 * Administrators bring numbers from Excel. On Chinese Windows Excel saves CSV in GBK, elsewhere
 * in UTF-8, sometimes with a byte-order mark; fields may be quoted, with doubled quotes and line
 * breaks inside. The file is split into records on its bytes first — the characters that
 * matter to CSV (" , CR LF) are ASCII and never part of a GBK character — and each record is
 * then decoded on its own, so one damaged line is reported with its number instead of spoiling
 * the whole file. Nothing here knows what the fields mean: callers check them and add their own
 * problems with agent_csv_table_add_problem().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "agent-csv.h"

/* How often, in bytes, parsing reports its progress. */
#define PROGRESS_STEP (64 * 1024)

struct _AgentCsvTable
{
  gatomicrefcount  ref_count;
  AgentCsvEncoding encoding;
  GArray          *records;   /* AgentCsvRecord */
  GArray          *problems;  /* AgentCsvProblem, sorted by line once parsing is done */
};

G_DEFINE_BOXED_TYPE (AgentCsvTable, agent_csv_table, agent_csv_table_ref, agent_csv_table_unref)

static void
record_clear (gpointer data)
{
  AgentCsvRecord *record = data;

  g_clear_pointer (&record->fields, g_strfreev);
}

static void
problem_clear (gpointer data)
{
  AgentCsvProblem *problem = data;

  g_clear_pointer (&problem->message, g_free);
}

static AgentCsvTable *
table_new (AgentCsvEncoding encoding)
{
  AgentCsvTable *table = g_new0 (AgentCsvTable, 1);

  g_atomic_ref_count_init (&table->ref_count);
  table->encoding = encoding;
  table->records = g_array_new (FALSE, TRUE, sizeof (AgentCsvRecord));
  g_array_set_clear_func (table->records, record_clear);
  table->problems = g_array_new (FALSE, TRUE, sizeof (AgentCsvProblem));
  g_array_set_clear_func (table->problems, problem_clear);
  return table;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const AgentCsvProblem *pa = a, *pb = b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean
is_ascii (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) s[i] >= 0x80)
      return FALSE;
  return TRUE;
}

typedef struct
{
  AgentCsvTable *table;
  GIConv         gbk;        /* (GIConv) -1 unless reading GBK */
  GPtrArray     *fields;     /* raw bytes of the record being read, as GString */
  guint          line;       /* where the record started */
} Parser;

static void
parser_add_field (Parser  *parser,
                  GString *field)
{
  g_ptr_array_add (parser->fields, field);
}

/* Decodes the record's fields and keeps it, or reports the line. Empty records (blank lines,
 * lines of bare separators) are skipped. */
static void
parser_finish_record (Parser *parser)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean empty = TRUE;
  AgentCsvRecord record;

  for (guint i = 0; i < parser->fields->len; i++)
    {
      GString *field = g_ptr_array_index (parser->fields, i);

      for (gsize j = 0; j < field->len; j++)
        if (!g_ascii_isspace (field->str[j]))
          {
            empty = FALSE;
            break;
          }
    }
  if (empty)
    {
      g_ptr_array_set_size (parser->fields, 0);
      return;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < parser->fields->len; i++)
    {
      GString *field = g_ptr_array_index (parser->fields, i);

      if (is_ascii (field->str, field->len))
        {
          g_strv_builder_add (builder, field->str);
        }
      else if (parser->table->encoding == AGENT_CSV_ENCODING_GBK)
        {
          g_autofree char *utf8 = NULL;
          gsize written = 0;

          /* reset the shift state left by a previous failure */
          g_iconv (parser->gbk, NULL, NULL, NULL, NULL);
          utf8 = g_convert_with_iconv (field->str, field->len, parser->gbk, NULL, &written, NULL);
          if (utf8 == NULL || !g_utf8_validate (utf8, written, NULL))
            {
              agent_csv_table_add_problem (parser->table, parser->line,
                                           _("The text is not valid GBK; save the file again as CSV."));
              g_ptr_array_set_size (parser->fields, 0);
              return;
            }
          g_strv_builder_add (builder, utf8);
        }
      else
        {
          if (!g_utf8_validate_len (field->str, field->len, NULL) ||
              memchr (field->str, '\0', field->len) != NULL)
            {
              agent_csv_table_add_problem (parser->table, parser->line,
                                           _("The text is not valid UTF-8; save the file again as CSV UTF-8."));
              g_ptr_array_set_size (parser->fields, 0);
              return;
            }
          g_strv_builder_add (builder, field->str);
        }
    }

  record.line = parser->line;
  record.fields = g_strv_builder_end (builder);
  g_array_append_val (parser->table->records, record);
  g_ptr_array_set_size (parser->fields, 0);
}

static AgentCsvEncoding
detect_encoding (const char **data,
                 gsize       *length,
                 AgentCsvEncoding encoding)
{
  gboolean bom = *length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0;

  if (bom && encoding != AGENT_CSV_ENCODING_GBK)
    {
      *data += 3;
      *length -= 3;
      return AGENT_CSV_ENCODING_UTF8;
    }
  if (encoding != AGENT_CSV_ENCODING_AUTO)
    return encoding;
  return g_utf8_validate_len (*data, *length, NULL) ? AGENT_CSV_ENCODING_UTF8
                                                    : AGENT_CSV_ENCODING_GBK;
}

/**
 * agent_csv_parse:
 * @data: (array length=length): the file's bytes
 * @length: how many
 * @encoding: the file's encoding, or %AGENT_CSV_ENCODING_AUTO to guess it
 * @progress: (scope call) (nullable): called now and then with the bytes read
 * @user_data: data for @progress
 *
 * Splits @data into records (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes,
 * CRLF or LF) and decodes them. A record that cannot be read — a quote never closed, bytes that
 * are not text in the encoding — becomes a problem with its line number, and reading goes on with
 * the next line.
 *
 * Returns: (transfer full): the records and the problems
 */
AgentCsvTable *
agent_csv_parse (const char           *data,
                 gsize                 length,
                 AgentCsvEncoding      encoding,
                 AgentCsvProgressFunc  progress,
                 gpointer              user_data)
{
  AgentCsvTable *table;
  Parser parser = { 0 };
  GString *field;
  gsize total = length, i = 0, next_report = PROGRESS_STEP;
  gsize record_start = 0;
  guint line = 1;
  gboolean in_quotes = FALSE, field_started = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  encoding = detect_encoding (&data, &length, encoding);
  table = table_new (encoding);

  parser.table = table;
  parser.gbk = (GIConv) -1;
  if (encoding == AGENT_CSV_ENCODING_GBK)
    parser.gbk = g_iconv_open ("UTF-8", "GB18030");
  if (encoding == AGENT_CSV_ENCODING_GBK && parser.gbk == (GIConv) -1)
    parser.gbk = g_iconv_open ("UTF-8", "GBK");
  parser.fields = g_ptr_array_new_with_free_func (string_free);

  field = g_string_new (NULL);
  parser.line = line;

  for (;;)
    {
      char c;

      if (i >= length)
        {
          const char *eol;

          if (!in_quotes)
            break;

          /* A quote never closed swallowed the rest of the file: report the record's first
           * line and read on from the line after it. */
          agent_csv_table_add_problem (table, parser.line, _("A quoted field is never closed."));
          g_ptr_array_set_size (parser.fields, 0);
          g_string_truncate (field, 0);
          in_quotes = FALSE;
          field_started = FALSE;
          eol = memchr (data + record_start, '\n', length - record_start);
          if (eol == NULL)
            break;
          i = (gsize) (eol - data) + 1;
          line = parser.line + 1;
          parser.line = line;
          record_start = i;
          continue;
        }

      c = data[i];
      if (progress != NULL && i >= next_report)
        {
          progress (i, total, user_data);
          next_report = i + PROGRESS_STEP;
        }

      if (in_quotes)
        {
          if (c == '"' && i + 1 < length && data[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i++;
            }
          else if (c == '"')
            {
              in_quotes = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          i++;
          continue;
        }

      switch (c)
        {
        case '"':
          if (!field_started)
            in_quotes = TRUE;
          else
            g_string_append_c (field, c);  /* a stray quote inside a bare field: kept */
          field_started = TRUE;
          break;

        case ',':
          parser_add_field (&parser, field);
          field = g_string_new (NULL);
          field_started = FALSE;
          break;

        case '\r':
        case '\n':
          parser_add_field (&parser, field);
          field = g_string_new (NULL);
          field_started = FALSE;
          parser_finish_record (&parser);
          if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
            i++;
          line++;
          parser.line = line;
          record_start = i + 1;
          break;

        default:
          g_string_append_c (field, c);
          field_started = TRUE;
          break;
        }
      i++;
    }

  if (field->len > 0 || field_started || parser.fields->len > 0)
    {
      parser_add_field (&parser, field);
      field = NULL;
      parser_finish_record (&parser);
    }

  g_ptr_array_unref (parser.fields);
  if (field != NULL)
    g_string_free (field, TRUE);
  if (parser.gbk != (GIConv) -1)
    g_iconv_close (parser.gbk);

  g_array_sort (table->problems, compare_problems);

  if (progress != NULL)
    progress (total, total, user_data);

  return table;
}

AgentCsvTable *
agent_csv_table_ref (AgentCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  g_atomic_ref_count_inc (&table->ref_count);
  return table;
}

void
agent_csv_table_unref (AgentCsvTable *table)
{
  g_return_if_fail (table != NULL);

  if (g_atomic_ref_count_dec (&table->ref_count))
    {
      g_array_unref (table->records);
      g_array_unref (table->problems);
      g_free (table);
    }
}

/**
 * agent_csv_table_get_encoding:
 *
 * Returns: the encoding the file was read in (never %AGENT_CSV_ENCODING_AUTO)
 */
AgentCsvEncoding
agent_csv_table_get_encoding (AgentCsvTable *table)
{
  g_return_val_if_fail (table != NULL, AGENT_CSV_ENCODING_UTF8);

  return table->encoding;
}

guint
agent_csv_table_get_n_records (AgentCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->records->len;
}

/**
 * agent_csv_table_get_record:
 *
 * Returns: (transfer none): the record at @index
 */
const AgentCsvRecord *
agent_csv_table_get_record (AgentCsvTable *table,
                            guint          index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->records->len, NULL);

  return &g_array_index (table->records, AgentCsvRecord, index);
}

guint
agent_csv_table_get_n_problems (AgentCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->problems->len;
}

/**
 * agent_csv_table_get_problem:
 *
 * Returns: (transfer none): the problem at @index, in the order of lines
 */
const AgentCsvProblem *
agent_csv_table_get_problem (AgentCsvTable *table,
                             guint          index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->problems->len, NULL);

  return &g_array_index (table->problems, AgentCsvProblem, index);
}

/**
 * agent_csv_table_add_problem:
 * @table: a table
 * @line: the line, from 1
 * @message: what is wrong with it
 *
 * Adds a problem a caller found in a record (a field that is not a phone number, a duplicate),
 * keeping the problems in the order of lines.
 */
void
agent_csv_table_add_problem (AgentCsvTable *table,
                             guint          line,
                             const char    *message)
{
  AgentCsvProblem problem = { line, g_strdup (message) };
  guint i = table->problems->len;

  g_return_if_fail (table != NULL);
  g_return_if_fail (message != NULL);

  /* mostly appended in order; insert where it belongs otherwise */
  while (i > 0 && g_array_index (table->problems, AgentCsvProblem, i - 1).line > line)
    i--;
  g_array_insert_val (table->problems, i, problem);
}

/**
 * agent_csv_table_describe_problems:
 * @table: a table
 * @max_lines: how many problems to list at most (0: all)
 *
 * Returns: (transfer full): one line per problem, "Line 12: …", and how many more there are
 */
char *
agent_csv_table_describe_problems (AgentCsvTable *table,
                                   guint          max_lines)
{
  GString *out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (table != NULL, NULL);

  n = table->problems->len;
  for (guint i = 0; i < n && (max_lines == 0 || i < max_lines); i++)
    {
      const AgentCsvProblem *problem = &g_array_index (table->problems, AgentCsvProblem, i);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: a problem found in a CSV file: the line number, then what is wrong. */
      g_string_append_printf (out, _("Line %u: %s"), problem->line, problem->message);
    }
  if (max_lines > 0 && n > max_lines)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "…and %u more line",
                                                "…and %u more lines", n - max_lines),
                              n - max_lines);
    }
  return g_string_free (out, FALSE);
}

/* Reading a file in a worker thread ------------------------------------------------------ */

typedef struct
{
  AgentCsvEncoding     encoding;
  AgentCsvProgressFunc progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
  GMainContext        *context;
} ReadData;

typedef struct
{
  GTask   *task;
  guint64  done;
  guint64  total;
} ProgressReport;

static gboolean
read_data_free_in_context_cb (gpointer data)
{
  ReadData *read = data;

  if (read->progress_destroy != NULL)
    read->progress_destroy (read->progress_data);
  g_main_context_unref (read->context);
  g_free (read);
  return G_SOURCE_REMOVE;
}

/* The worker thread may drop the task last: the caller's data is let go in its own context. */
static void
read_data_free (gpointer data)
{
  ReadData *read = data;
  g_autoptr(GSource) source = NULL;

  if (g_main_context_is_owner (read->context))
    {
      read_data_free_in_context_cb (read);
      return;
    }
  source = g_idle_source_new ();
  g_source_set_callback (source, read_data_free_in_context_cb, read, NULL);
  g_source_set_static_name (source, "[agent-csv] free read data");
  g_source_attach (source, read->context);
}

static gboolean
report_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  ReadData *read = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (report->task)))
    read->progress (report->done, report->total, read->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  ProgressReport *report = data;

  g_object_unref (report->task);
  g_free (report);
}

static void
thread_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ReadData *read = g_task_get_task_data (task);
  ProgressReport *report = g_new0 (ProgressReport, 1);

  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (read->context, G_PRIORITY_DEFAULT, report_progress_cb,
                              report, report_free);
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReadData *read = task_data;
  GFile *file = source_object;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GError *error = NULL;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task,
                         agent_csv_parse (contents, length, read->encoding,
                                          read->progress != NULL ? thread_progress_cb : NULL,
                                          task),
                         (GDestroyNotify) agent_csv_table_unref);
}

/**
 * agent_csv_read_file_async:
 * @file: the CSV file
 * @encoding: its encoding, or %AGENT_CSV_ENCODING_AUTO
 * @progress: (nullable): called in the caller's main context as the file is read
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is read
 * @user_data: data for @callback
 *
 * Reads and parses @file in a worker thread, as agent_csv_parse() does.
 */
void
agent_csv_read_file_async (GFile                *file,
                           AgentCsvEncoding      encoding,
                           AgentCsvProgressFunc  progress,
                           gpointer              progress_data,
                           GDestroyNotify        progress_destroy,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *read;

  g_return_if_fail (G_IS_FILE (file));

  read = g_new0 (ReadData, 1);
  read->encoding = encoding;
  read->progress = progress;
  read->progress_data = progress_data;
  read->progress_destroy = progress_destroy;
  read->context = g_main_context_ref_thread_default ();

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_csv_read_file_async);
  g_task_set_task_data (task, read, read_data_free);
  g_task_run_in_thread (task, read_file_thread);
}

/**
 * agent_csv_read_file_finish:
 *
 * Returns: (transfer full) (nullable): the records and problems, or %NULL with @error set
 *   when the file could not be read
 */
AgentCsvTable *
agent_csv_read_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == agent_csv_read_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writing ----------------------------------------------------------------------------------- */

/**
 * agent_csv_append_row:
 * @out: where to write
 * @fields: (array zero-terminated=1): the row's fields, UTF-8
 *
 * Appends one row, quoting the fields that need it, ended by CRLF as spreadsheets expect.
 */
void
agent_csv_append_row (GString            *out,
                      const char * const *fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *field = fields[i];
      gsize len = strlen (field);
      gboolean quote = strpbrk (field, ",\"\r\n") != NULL ||
                       (len > 0 && (g_ascii_isspace (field[0]) || g_ascii_isspace (field[len - 1])));

      if (i > 0)
        g_string_append_c (out, ',');
      if (!quote)
        {
          g_string_append_len (out, field, len);
          continue;
        }
      g_string_append_c (out, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}

/**
 * agent_csv_encode:
 * @text: the file's text, UTF-8
 * @encoding: %AGENT_CSV_ENCODING_UTF8 (written with a byte-order mark, so that Excel reads it
 *   as UTF-8) or %AGENT_CSV_ENCODING_GBK
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the bytes to save; a character GBK has no code for
 *   becomes "?"
 */
GBytes *
agent_csv_encode (const char        *text,
                  AgentCsvEncoding   encoding,
                  GError           **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (encoding == AGENT_CSV_ENCODING_GBK)
    {
      gsize written = 0;
      char *gbk = g_convert_with_fallback (text, -1, "GBK", "UTF-8", "?", NULL, &written, error);

      if (gbk == NULL)
        return NULL;
      return g_bytes_new_take (gbk, written);
    }
  else
    {
      GString *out = g_string_new ("\xEF\xBB\xBF");
      gsize len;

      g_string_append (out, text);
      len = out->len;
      return g_bytes_new_take (g_string_free (out, FALSE), len);
    }
}
