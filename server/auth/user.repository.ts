import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity, UserRole } from './user.entity.js';

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findByLogin(login: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ login });
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Inserts unless the login exists; returns null then. */
  async insert(values: {
    login: string;
    displayName: string;
    role: UserRole;
    passwordHash: string;
  }): Promise<UserEntity | null> {
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(values)
      .orIgnore()
      .returning('*')
      .execute();
    return (result.raw as unknown[]).length > 0 ? this.findByLogin(values.login) : null;
  }
}
