/* bbh-phone-audit-query.h — what getPhoneAudit should look for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bbh-callback.h"

G_BEGIN_DECLS

#define BBH_TYPE_PHONE_AUDIT_QUERY (bbh_phone_audit_query_get_type ())

typedef struct _BbhPhoneAuditQuery BbhPhoneAuditQuery;

GType               bbh_phone_audit_query_get_type        (void) G_GNUC_CONST;
BbhPhoneAuditQuery *bbh_phone_audit_query_new             (void);
BbhPhoneAuditQuery *bbh_phone_audit_query_copy            (const BbhPhoneAuditQuery *query);
void                bbh_phone_audit_query_free            (BbhPhoneAuditQuery       *query);

void                bbh_phone_audit_query_set_id          (BbhPhoneAuditQuery       *query,
                                                           gint64                    id);
void                bbh_phone_audit_query_set_time_range  (BbhPhoneAuditQuery       *query,
                                                           GDateTime                *start,
                                                           GDateTime                *end);
void                bbh_phone_audit_query_set_statuses    (BbhPhoneAuditQuery       *query,
                                                           const BbhCallbackStatus  *statuses,
                                                           guint                     n_statuses);
void                bbh_phone_audit_query_set_sip_show_phone (BbhPhoneAuditQuery    *query,
                                                              gboolean               matched);
void                bbh_phone_audit_query_set_page        (BbhPhoneAuditQuery       *query,
                                                           guint                     page,
                                                           guint                     rows);
void                bbh_phone_audit_query_set_login_id    (BbhPhoneAuditQuery       *query,
                                                           const char               *login_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhPhoneAuditQuery, bbh_phone_audit_query_free)

G_END_DECLS
