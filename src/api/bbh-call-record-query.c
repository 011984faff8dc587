/* bbh-call-record-query.c
 *
 * findDialrecord is documented twice: section 2.4.1 names the start of the range
 * `startTime`, section 2.7.1 (findDialrecord.html) spells it `statrTime`. Which one a server
 * reads depends on its version, and an unknown parameter is ignored, so the query sends the
 * same value under BOTH names. Likewise `cdrPeer` takes 1..5 (2.7.1's longer list).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-call-record-query"

#include "config.h"

#include "bbh-records-private.h"

#define DEFAULT_LIMIT 20

struct _BbhCallRecordQuery
{
  char             **extensions;
  char              *phone;
  BbhTalkTimeFilter  talk_time_filter;
  guint              talk_time;
  GDateTime         *start;
  GDateTime         *end;
  BbhCallDirection   direction;
  gint64             cdr_id;
  guint              start_row;
  guint              limit;
};

G_DEFINE_BOXED_TYPE (BbhCallRecordQuery, bbh_call_record_query,
                     bbh_call_record_query_copy, bbh_call_record_query_free)

/**
 * bbh_call_record_query_new:
 *
 * Returns: (transfer full): a query for everything the account may see, first page of 20.
 */
BbhCallRecordQuery *
bbh_call_record_query_new (void)
{
  BbhCallRecordQuery *query = g_new0 (BbhCallRecordQuery, 1);

  query->talk_time_filter = BBH_TALK_TIME_ANY;
  query->direction = BBH_CALL_DIRECTION_UNKNOWN;
  query->limit = DEFAULT_LIMIT;
  return query;
}

BbhCallRecordQuery *
bbh_call_record_query_copy (const BbhCallRecordQuery *query)
{
  BbhCallRecordQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_memdup2 (query, sizeof *query);
  copy->extensions = g_strdupv (query->extensions);
  copy->phone = g_strdup (query->phone);
  if (query->start != NULL)
    copy->start = g_date_time_ref (query->start);
  if (query->end != NULL)
    copy->end = g_date_time_ref (query->end);
  return copy;
}

void
bbh_call_record_query_free (BbhCallRecordQuery *query)
{
  if (query == NULL)
    return;
  g_strfreev (query->extensions);
  g_free (query->phone);
  g_clear_pointer (&query->start, g_date_time_unref);
  g_clear_pointer (&query->end, g_date_time_unref);
  g_free (query);
}

/**
 * bbh_call_record_query_set_extensions:
 * @extensions: (nullable) (array zero-terminated=1): the agents' extensions, %NULL for all
 *
 * Sent as one `extension` joined with “,”.
 */
void
bbh_call_record_query_set_extensions (BbhCallRecordQuery *query,
                                      const char * const *extensions)
{
  g_return_if_fail (query != NULL);

  g_strfreev (query->extensions);
  query->extensions = (extensions != NULL && extensions[0] != NULL)
                      ? g_strdupv ((char **) extensions) : NULL;
}

/* @phone: (nullable): only calls with this number (phoneNum). */
void
bbh_call_record_query_set_phone (BbhCallRecordQuery *query,
                                 const char         *phone)
{
  g_return_if_fail (query != NULL);

  g_free (query->phone);
  query->phone = (phone != NULL && *phone != '\0') ? g_strdup (phone) : NULL;
}

/* talktimeSql and talktime; %BBH_TALK_TIME_ANY sends neither. */
void
bbh_call_record_query_set_talk_time (BbhCallRecordQuery *query,
                                     BbhTalkTimeFilter   filter,
                                     guint               seconds)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (filter == BBH_TALK_TIME_ANY || filter == BBH_TALK_TIME_LONGER
                    || filter == BBH_TALK_TIME_SHORTER);

  query->talk_time_filter = filter;
  query->talk_time = seconds;
}

/**
 * bbh_call_record_query_set_time_range:
 * @start: (nullable): earliest start of call
 * @end: (nullable): latest start of call
 *
 * Sent in local time as “yyyy-mm-dd hh:mm:ss”; the start under both spellings.
 */
void
bbh_call_record_query_set_time_range (BbhCallRecordQuery *query,
                                      GDateTime          *start,
                                      GDateTime          *end)
{
  g_return_if_fail (query != NULL);

  g_clear_pointer (&query->start, g_date_time_unref);
  g_clear_pointer (&query->end, g_date_time_unref);
  if (start != NULL)
    query->start = g_date_time_ref (start);
  if (end != NULL)
    query->end = g_date_time_ref (end);
}

/* cdrPeer 1..5; %BBH_CALL_DIRECTION_UNKNOWN for any direction. */
void
bbh_call_record_query_set_direction (BbhCallRecordQuery *query,
                                     BbhCallDirection    direction)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (direction >= BBH_CALL_DIRECTION_UNKNOWN
                    && direction <= BBH_CALL_DIRECTION_VOICEMAIL);

  query->direction = direction;
}

/* scdrId: one record; 0 for any. This is how the record of a call that just ended is found. */
void
bbh_call_record_query_set_id (BbhCallRecordQuery *query,
                              gint64              cdr_id)
{
  g_return_if_fail (query != NULL);

  query->cdr_id = MAX (cdr_id, 0);
}

/* start (first row, from 0) and limit (rows; 0 means the server's default of 20). */
void
bbh_call_record_query_set_page (BbhCallRecordQuery *query,
                                guint               start,
                                guint               limit)
{
  g_return_if_fail (query != NULL);

  query->start_row = start;
  query->limit = limit > 0 ? limit : DEFAULT_LIMIT;
}

/**
 * bbh_call_record_query_get_extensions:
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the extensions, or %NULL.
 */
const char * const *
bbh_call_record_query_get_extensions (const BbhCallRecordQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);
  return (const char * const *) query->extensions;
}

const char *
bbh_call_record_query_get_phone (const BbhCallRecordQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);
  return query->phone;
}

BbhCallDirection
bbh_call_record_query_get_direction (const BbhCallRecordQuery *query)
{
  g_return_val_if_fail (query != NULL, BBH_CALL_DIRECTION_UNKNOWN);
  return query->direction;
}

gint64
bbh_call_record_query_get_id (const BbhCallRecordQuery *query)
{
  g_return_val_if_fail (query != NULL, 0);
  return query->cdr_id;
}

guint
bbh_call_record_query_get_start (const BbhCallRecordQuery *query)
{
  g_return_val_if_fail (query != NULL, 0);
  return query->start_row;
}

guint
bbh_call_record_query_get_limit (const BbhCallRecordQuery *query)
{
  g_return_val_if_fail (query != NULL, DEFAULT_LIMIT);
  return query->limit;
}

void
bbh_call_record_query_to_params (const BbhCallRecordQuery *query,
                                 BbhParams                *params)
{
  g_autofree char *extensions = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (query->extensions != NULL)
    extensions = g_strjoinv (",", query->extensions);
  start = bbh_records_format_time (query->start);
  end = bbh_records_format_time (query->end);

  bbh_params_add (params, "extension", extensions);
  bbh_params_add (params, "phoneNum", query->phone);
  if (query->talk_time_filter != BBH_TALK_TIME_ANY)
    {
      bbh_params_add_int (params, "talktimeSql", query->talk_time_filter);
      bbh_params_add_int (params, "talktime", query->talk_time);
    }
  bbh_params_add (params, "startTime", start);
  bbh_params_add (params, "statrTime", start);
  bbh_params_add (params, "endTime", end);
  if (query->direction != BBH_CALL_DIRECTION_UNKNOWN)
    bbh_params_add_int (params, "cdrPeer", query->direction);
  if (query->cdr_id > 0)
    bbh_params_add_int (params, "scdrId", query->cdr_id);
  bbh_params_add_int (params, "start", query->start_row);
  bbh_params_add_int (params, "limit", query->limit);
}
