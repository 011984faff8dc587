/* bbh-task-phone.h — the next number of an outbound task, as getTaskDetailPhone answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_TASK_PHONE (bbh_task_phone_get_type ())

G_DECLARE_FINAL_TYPE (BbhTaskPhone, bbh_task_phone, BBH, TASK_PHONE, GObject)

const char  *bbh_task_phone_get_phone          (BbhTaskPhone *self);
gint64       bbh_task_phone_get_flow_id        (BbhTaskPhone *self);
gint64       bbh_task_phone_get_task_detail_id (BbhTaskPhone *self);
gint64       bbh_task_phone_get_task_id        (BbhTaskPhone *self);

G_END_DECLS
