/* bbh-task-count.h — how many numbers of a task are in one state (findTaskMx's groupData)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_TASK_COUNT (bbh_task_count_get_type ())

G_DECLARE_FINAL_TYPE (BbhTaskCount, bbh_task_count, BBH, TASK_COUNT, GObject)

gint64       bbh_task_count_get_task_id (BbhTaskCount *self);
int          bbh_task_count_get_status  (BbhTaskCount *self);
gint64       bbh_task_count_get_count   (BbhTaskCount *self);

G_END_DECLS
