/* bbh-call-record-query.h — what findDialrecord should look for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bbh-call-record.h"

G_BEGIN_DECLS

/**
 * BbhTalkTimeFilter:
 * @BBH_TALK_TIME_ANY: no condition on the talk time
 * @BBH_TALK_TIME_LONGER: talked longer than the given seconds (talktimeSql=0)
 * @BBH_TALK_TIME_SHORTER: talked shorter than the given seconds (talktimeSql=1)
 */
typedef enum
{
  BBH_TALK_TIME_ANY     = -1,
  BBH_TALK_TIME_LONGER  = 0,
  BBH_TALK_TIME_SHORTER = 1,
} BbhTalkTimeFilter;

#define BBH_TYPE_CALL_RECORD_QUERY (bbh_call_record_query_get_type ())

typedef struct _BbhCallRecordQuery BbhCallRecordQuery;

GType               bbh_call_record_query_get_type       (void) G_GNUC_CONST;
BbhCallRecordQuery *bbh_call_record_query_new            (void);
BbhCallRecordQuery *bbh_call_record_query_copy           (const BbhCallRecordQuery *query);
void                bbh_call_record_query_free           (BbhCallRecordQuery       *query);

void                bbh_call_record_query_set_extensions (BbhCallRecordQuery       *query,
                                                          const char * const       *extensions);
void                bbh_call_record_query_set_phone      (BbhCallRecordQuery       *query,
                                                          const char               *phone);
void                bbh_call_record_query_set_talk_time  (BbhCallRecordQuery       *query,
                                                          BbhTalkTimeFilter         filter,
                                                          guint                     seconds);
void                bbh_call_record_query_set_time_range (BbhCallRecordQuery       *query,
                                                          GDateTime                *start,
                                                          GDateTime                *end);
void                bbh_call_record_query_set_direction  (BbhCallRecordQuery       *query,
                                                          BbhCallDirection          direction);
void                bbh_call_record_query_set_id         (BbhCallRecordQuery       *query,
                                                          gint64                    cdr_id);
void                bbh_call_record_query_set_page       (BbhCallRecordQuery       *query,
                                                          guint                     start,
                                                          guint                     limit);

const char * const *bbh_call_record_query_get_extensions (const BbhCallRecordQuery *query);
const char         *bbh_call_record_query_get_phone      (const BbhCallRecordQuery *query);
BbhCallDirection    bbh_call_record_query_get_direction  (const BbhCallRecordQuery *query);
gint64              bbh_call_record_query_get_id         (const BbhCallRecordQuery *query);
guint               bbh_call_record_query_get_start      (const BbhCallRecordQuery *query);
guint               bbh_call_record_query_get_limit      (const BbhCallRecordQuery *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhCallRecordQuery, bbh_call_record_query_free)

G_END_DECLS
